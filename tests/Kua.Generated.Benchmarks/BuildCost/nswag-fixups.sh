#!/usr/bin/env bash
# Mechanical fix-ups that make NSwag 14.8.0's C# compile where it does not as generated (build-cost benchmark,
# issue 10). Each is a textual rewrite that keeps what the code means; results measured with them are labelled
# "NSwag + fix-ups". Prints each fix-up with the number of lines it changed.
# usage: nswag-fixups.sh <generated.cs> <fixed.cs>
set -euo pipefail
in=$1
out=$2
cp "$in" "$out"

fixup() { # description, perl substitution
  local before after
  before=$(md5sum < "$out")
  local changed
  changed=$(perl -ne "\$n++ if $2; END { print \$n + 0 }" "$out")
  perl -pi -e "$2" "$out"
  after=$(md5sum < "$out")
  [[ $before == "$after" ]] || echo "- $1: $changed lines"
}

# OpenAPI status ranges ("5XX") come out as `status_ == 5XX`, which is no C# literal (CS1073).
fixup 'status range "NXX" written as a number (CS1073) -> a range check' \
  's/status_ == ([1-5])XX\b/(status_ >= ${1}00 \&\& status_ <= ${1}99)/g'

# A schema that extends a primitive (allOf with a string schema) becomes `class X : string`: string is sealed (CS0509).
fixup 'class deriving from a primitive type (CS0509) -> the base type dropped' \
  's/^(\s*public partial class \w+) : (?:string|int|long|double|bool)\s*$/$1\n/'

# A `DateTimeOffset?` header parameter is formatted with `.ToString("s")`, which Nullable<T> lacks (CS1501).
fixup 'nullable date header formatted with ToString("s") (CS1501) -> string.Format("{0:s}")' \
  's/\b(\w+)\.ToString\("s"\)/string.Format(System.Globalization.CultureInfo.InvariantCulture, "{0:s}", $1)/g'
