#!/usr/bin/env bash
# Build-cost benchmark of issue 10: what a user's `dotnet build` pays for Kua.Generated next to the same console
# project holding NSwag's or Kiota's generated client as checked-in C#. Everything it creates lives in the run
# folder (default /tmp/kua-buildcost-<UTC time>): the packed package, the consumer projects, a private NuGet
# packages folder, the logs, the raw data and results.md. See BuildCost/README.md for what it measures and how.
set -euo pipefail

usage() {
  cat <<'EOF'
usage: build-cost.sh [--specs LIST] [--runs N] [--warm-edits N] [--ours REV]... [--nupkg FILE]... [--modes LIST] [--baselines LIST | --no-baselines] [--out DIR]
  --specs LIST    comma-separated: "kua" (spec/kua.openapi.yaml) and/or corpus file names
                  (default: kua,refitter-asana.yaml,xero-accounting.yaml,slack-web-openapi-v2.json,adyen-CheckoutService-v71.json,moby-docker-engine-swagger.yaml)
  --runs N        timed runs per spec and tool, tools interleaved run by run (default 3)
  --warm-edits N  C# edits timed after the fourth compile, in a warmer server (default 3; 0 = none)
  --ours REV      pack Kua.Generated from git commit REV ("." = the working tree as it is, uncommitted changes included);
                  repeat to compare commits side by side in one run. Default: "."
  --nupkg FILE    measure this Kua.Generated nupkg (repeatable; may be combined with --ours)
  --modes LIST    how ours is used, comma-separated: "source" (<KuaSeparateAssembly>false</KuaSeparateAssembly>: the
                  generated code compiled with the project, a library's default; tool "ours") and/or "separate"
                  (<KuaSeparateAssembly>true</KuaSeparateAssembly>: the client compiled into an assembly of its own, an
                  app's default; tool "ours+separate"). Default: source,separate
  --baselines LIST  which of nswag,kiota to measure beside ours (default: both)
  --no-baselines  neither (e.g. for a commit-vs-commit run)
  --out DIR       the run folder (default /tmp/kua-buildcost-<UTC time>)
EOF
}

script_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(git -C "$script_dir" rev-parse --show-toplevel)
corpus=$(cd "$repo/.." && pwd)/shared/openapi-corpus

specs="kua,refitter-asana.yaml,xero-accounting.yaml,slack-web-openapi-v2.json,adyen-CheckoutService-v71.json,moby-docker-engine-swagger.yaml"
runs=3
warm_edits=3
ours_revs=()
nupkgs=()
baselines="nswag,kiota"
modes="source,separate"
run_dir=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    --specs) specs=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    --warm-edits) warm_edits=$2; shift 2 ;;
    --ours) ours_revs+=("$2"); shift 2 ;;
    --nupkg) nupkgs+=("$(realpath "$2")"); shift 2 ;;
    --modes) modes=$2; shift 2 ;;
    --baselines) baselines=$2; shift 2 ;;
    --no-baselines) baselines=""; shift ;;
    --out) run_dir=$2; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) usage >&2; exit 2 ;;
  esac
done
if [[ ${#ours_revs[@]} -eq 0 && ${#nupkgs[@]} -eq 0 ]]; then ours_revs=("."); fi
has_baseline() { [[ ",$baselines," == *",$1,"* ]]; }

# Pinned baselines (issue 10): Kiota's CLI and the runtime packages its C# needs, NSwag through the benchmarks project.
kiota_version=1.38.0
kiota_runtime_version=2.1.6
kiota_packages="Microsoft.Kiota.Abstractions Microsoft.Kiota.Http.HttpClientLibrary Microsoft.Kiota.Serialization.Json Microsoft.Kiota.Serialization.Text Microsoft.Kiota.Serialization.Form Microsoft.Kiota.Serialization.Multipart"

stamp=$(date -u +%Y%m%d%H%M%S)
head_at_start=$(git -C "$repo" rev-parse --short HEAD)
run_dir=${run_dir:-/tmp/kua-buildcost-$stamp}
mkdir -p "$run_dir"
run_dir=$(cd "$run_dir" && pwd)
feed=$run_dir/feed
logs=$run_dir/logs
mkdir -p "$feed" "$logs" "$run_dir/failures" "$run_dir/projects" "$run_dir/specs"
exec > >(tee -a "$run_dir/console.txt") 2>&1

log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*"; }

# A private compiler server for this run's builds (the Csc task's SharedCompilationId is the server's pipe name):
# its memory is ours alone, and shutting it down for a cold build disturbs no one else's server.
pipe="kuabc$$"
sdk_dir=$(dirname "$(readlink -f "$(command -v dotnet)")")/sdk/$(cd "$run_dir" && dotnet --version)
vbcscompiler=$sdk_dir/Roslyn/bincore/VBCSCompiler.dll

# What a user's machine has: the compiler server and MSBuild node reuse on (this machine's environment turns both off).
user_env=(env -u UseSharedCompilation -u MSBUILDDISABLENODEREUSE -u DOTNET_CLI_USE_MSBUILD_SERVER)
build_args=(build -nologo -tl:off "-p:SharedCompilationId=$pipe")

shutdown_servers() {
  "${user_env[@]}" dotnet "$vbcscompiler" -shutdown "-pipename:$pipe" >/dev/null 2>&1 || true
  "${user_env[@]}" dotnet build-server shutdown --msbuild >/dev/null 2>&1 || true
}
trap shutdown_servers EXIT

server_pid() {
  local cmdline
  for proc in /proc/[0-9]*; do
    cmdline=$(tr '\0' ' ' < "$proc/cmdline" 2>/dev/null) || continue
    if [[ $cmdline == *VBCSCompiler*"-pipename:$pipe"* ]]; then echo "${proc#/proc/}"; return; fi
  done
  echo "-"
}

# CPU seconds (user + system) the process has used so far; 0 for none.
server_cpu_seconds() {
  [[ $1 == "-" ]] && { echo 0; return; }
  awk -v tick="$(getconf CLK_TCK)" '{ printf "%.2f", ($14 + $15) / tick }' "/proc/$1/stat" 2>/dev/null || echo 0
}

server_vmhwm_kib() {
  local pid=$1
  [[ $pid == "-" ]] && { echo "-"; return; }
  awk '/^VmHWM:/ { print $2; found = 1 } END { if (!found) print "-" }' "/proc/$pid/status" 2>/dev/null || echo "-"
}

first_errors() { grep -E ': error ' "$1" | sed -E 's/ \[[^]]*\]$//' | sort -u | head -n "${2:-8}" || true; }

log "run folder: $run_dir"
log "building the helpers (tests/Kua.Generated.Benchmarks, Release)"
dotnet build "$repo/tests/Kua.Generated.Benchmarks" -c Release -nologo -tl:off > "$logs/helpers-build.txt" 2>&1 || { tail -20 "$logs/helpers-build.txt"; exit 1; }
helpers() { dotnet "$repo/tests/Kua.Generated.Benchmarks/bin/Release/net10.0/Kua.Generated.Benchmarks.dll" "$@"; }

# Consumers live below the run folder: empty MSBuild files stop anything further up from being imported, and a
# private packages folder means no NuGet cache can serve a stale package.
for name in Directory.Build.props Directory.Build.targets Directory.Packages.props; do echo '<Project />' > "$run_dir/$name"; done
echo '<configuration />' > "$run_dir/NuGet.config"
# The run's feed is added to the machine's sources (no <clear/>: those serve the runtime's dependencies).
dotnet nuget add source "$feed" -n kua-buildcost-feed --configfile "$run_dir/NuGet.config" > /dev/null
dotnet nuget config set globalPackagesFolder "$run_dir/packages" --configfile "$run_dir/NuGet.config"

# --- The packages to measure: one "ours" tool per commit or nupkg, each with its own version. ---
ours_tools=()
declare -A ours_version
variant=0
for rev in "${ours_revs[@]}"; do
  variant=$((variant + 1))
  version="0.1.0-buildcost.$stamp.$variant"
  if [[ $rev == "." ]]; then
    source_dir=$repo
    tool="ours"
    [[ ${#ours_revs[@]} -gt 1 || ${#nupkgs[@]} -gt 0 ]] && tool="ours@worktree"
    describe="the working tree of $(git -C "$repo" rev-parse --short HEAD)$(git -C "$repo" diff --quiet HEAD -- src || echo ' with uncommitted changes under src/')"
  else
    sha=$(git -C "$repo" rev-parse --short "$rev^{commit}")
    source_dir=$run_dir/source-$sha
    # A clone of the commit, so the repository's own worktree and branches are left alone.
    git clone --quiet --shared --no-checkout "$repo" "$source_dir"
    git -C "$source_dir" checkout --quiet --detach "$sha"
    tool="ours@$sha"
    describe="commit $sha ($(git -C "$repo" log -1 --format=%s "$sha" | cut -c1-80))"
  fi
  log "packing $tool from $describe as $version"
  dotnet pack "$source_dir/src/Kua.Generated/Kua.Generated.csproj" -c Release -o "$feed" --artifacts-path "$run_dir/pack-$variant" \
    "-p:KuaGeneratedVersion=$version" -tl:off -nologo > "$logs/pack-$variant.txt" 2>&1 || { tail -20 "$logs/pack-$variant.txt"; exit 1; }
  ours_tools+=("$tool")
  ours_version[$tool]=$version
  echo "- \`$tool\`: Kua.Generated $version packed from $describe" >> "$run_dir/packages.txt"
done
for nupkg in "${nupkgs[@]}"; do
  version=$(basename "$nupkg" .nupkg); version=${version#Kua.Generated.}
  tool="ours@$version"
  cp "$nupkg" "$feed/"
  ours_tools+=("$tool")
  ours_version[$tool]=$version
  echo "- \`$tool\`: the given $nupkg" >> "$run_dir/packages.txt"
done

# Each package in each mode is a tool of its own: "ours…" compiles the generated code with the project
# (KuaSeparateAssembly false), "ours…+separate" into an assembly of its own (true).
packages_to_measure=("${ours_tools[@]}")
ours_tools=()
declare -A ours_package_of
for package_tool in "${packages_to_measure[@]}"; do
  for mode in ${modes//,/ }; do
    case "$mode" in
      source) tool=$package_tool ;;
      separate) tool=$package_tool+separate ;;
      *) echo "unknown mode: $mode" >&2; exit 2 ;;
    esac
    ours_tools+=("$tool")
    ours_package_of[$tool]=$package_tool
  done
done

if has_baseline kiota; then
  log "installing the Kiota CLI $kiota_version"
  dotnet tool install --tool-path "$run_dir/tools/kiota" Microsoft.OpenApi.Kiota --version "$kiota_version" > "$logs/kiota-install.txt" 2>&1 || { cat "$logs/kiota-install.txt"; exit 1; }
fi

# --- Consumer projects ---
nl=$'\n'
write_csproj() { # dir, extra PropertyGroup XML, ItemGroup XML
  cat > "$1/App.csproj" <<EOF
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <OutputType>Exe</OutputType>
    <TargetFramework>net10.0</TargetFramework>
    <ImplicitUsings>enable</ImplicitUsings>
    <Nullable>enable</Nullable>$2
  </PropertyGroup>
  <ItemGroup>$3
  </ItemGroup>
</Project>
EOF
}

# Program.cs: the client is constructed (so the generated code is really referenced); the last line is the one the
# C# edit changes.
write_program() { # dir, usings+construction
  printf '%s\nConsole.WriteLine(client.GetType().Name);\nConsole.WriteLine("build-cost edit 0");\n' "$2" > "$1/Program.cs"
}
edit_program() { sed -i -E "s/\"build-cost edit [^\"]*\"/\"build-cost edit $2\"/" "$1/Program.cs"; }

build_log_summary() { grep -E 'Warning\(s\)|Error\(s\)' "$1" | tr -s ' ' | tr '\n' ' '; }

kiota_generate() { # spec, project folder, log; fails when Kiota fails or writes no C#
  (cd "$2" && KIOTA_OFFLINE_ENABLED=true "$run_dir/tools/kiota/kiota" generate -l CSharp -d "$1" -o "$2/Client" -c BenchClient -n Bench.Api \
    --exclude-backward-compatible --log-level Warning > "$3" 2>&1) && compgen -G "$2/Client/*.cs" > /dev/null
}

# Setup of one project, untimed: restore and build (ours: also writing its generated files), its IL, and one
# C#-edit build with the compiler's analyzer report. Appends a row to projects.csv.
setup_project() { # spec_id, tool, dir, schemas, operations, spec_bytes, chars_path
  local spec_id=$1 tool=$2 dir=$3 extra=()
  [[ $tool == ours* ]] && extra=(-p:EmitCompilerGeneratedFiles=true)
  local setup_log=$logs/$spec_id.$tool.setup.txt
  if ! (cd "$dir" && "${user_env[@]}" dotnet "${build_args[@]}" "${extra[@]}" > "$setup_log" 2>&1); then
    first_errors "$setup_log" 20 > "$run_dir/failures/$spec_id.$tool.txt"
    log "  $tool: build FAILED ($(grep -cE ': error ' "$setup_log" || true) error lines), first: $(head -1 "$run_dir/failures/$spec_id.$tool.txt")"
    echo "$spec_id,$tool,failed (build),$4,$5,$6,-,-,-,-1,-1,-1,-1,-1" >> "$run_dir/projects.csv"
    return 1
  fi
  local chars il times
  chars=$(helpers --chars "$7")
  il=$(helpers --il-size "$dir/bin/Debug/net10.0/App.dll")
  # KuaSeparateAssembly: the client's IL is in an assembly of its own.
  [[ -f $dir/bin/Debug/net10.0/App.KuaClient.dll ]] && il=$((il + $(helpers --il-size "$dir/bin/Debug/net10.0/App.KuaClient.dll")))
  edit_program "$dir" setup
  (cd "$dir" && "${user_env[@]}" dotnet "${build_args[@]}" -p:ReportAnalyzer=true -v:d -clp:PerformanceSummary > "$logs/$spec_id.$tool.report-analyzer.txt" 2>&1)
  grep -q "server processed compilation" "$logs/$spec_id.$tool.report-analyzer.txt" || log "  WARNING: $tool's analyzer-report build did not go through the compiler server"
  times=$(helpers --analyzer-times "$logs/$spec_id.$tool.report-analyzer.txt")
  log "  $tool: builds ($(build_log_summary "$setup_log")); generated chars $chars, IL bytes $il; csc,core,generators,analyzers,kua: $times"
  echo "$spec_id,$tool,ok,$4,$5,$6,$chars,$il,$empty_il,$times" >> "$run_dir/projects.csv"
}

# A project of the current spec ($schemas, $operations, $spec_bytes): set up, and timed later if it builds.
add_project() { # tool, folder, what to count the generated characters of
  project_dir["$spec_id/$1"]=$2
  setup_project "$spec_id" "$1" "$2" "$schemas" "$operations" "$spec_bytes" "$3" && tools_of_spec+=("$spec_id $1")
}

generation_failed() { # tool, failure text file
  log "  $1: generation FAILED: $(head -1 "$2")"
  echo "$spec_id,$1,failed (generation),$schemas,$operations,$spec_bytes,-,-,-,-1,-1,-1,-1,-1" >> "$run_dir/projects.csv"
}

echo "spec,tool,status,schemas,operations,spec_bytes,generated_chars,il_bytes,empty_il_bytes,csc_seconds,core_compile_seconds,generators_seconds,analyzers_seconds,kua_generator_seconds" > "$run_dir/projects.csv"

log "empty console project (the IL baseline)"
empty_dir=$run_dir/projects/empty
mkdir -p "$empty_dir"
write_csproj "$empty_dir" "" ""
printf 'Console.WriteLine("Hello, World!");\n' > "$empty_dir/Program.cs"
(cd "$empty_dir" && "${user_env[@]}" dotnet "${build_args[@]}" > "$logs/empty.txt" 2>&1) || { tail -20 "$logs/empty.txt"; exit 1; }
empty_il=$(helpers --il-size "$empty_dir/bin/Debug/net10.0/App.dll")

declare -A spec_file project_dir
tools_of_spec=()  # "spec_id tool" pairs that built, in order
IFS=',' read -r -a spec_list <<< "$specs"
for spec in "${spec_list[@]}"; do
  if [[ $spec == kua ]]; then source=$repo/spec/kua.openapi.yaml; spec_id=kua; else source=$corpus/$spec; spec_id=${spec%.*}; fi
  [[ -f $source ]] || { echo "no such spec: $source" >&2; exit 2; }
  file_name=api.${source##*.}
  cp "$source" "$run_dir/specs/$spec_id.${source##*.}"
  spec_file[$spec_id]=$run_dir/specs/$spec_id.${source##*.}
  read -r schemas operations <<< "$(helpers --spec-counts "$source")"
  spec_bytes=$(stat -c %s "$source")
  log "spec $spec_id: $spec_bytes bytes, $schemas schemas, $operations operations"

  for tool in "${ours_tools[@]}"; do
    dir=$run_dir/projects/$spec_id/$tool
    mkdir -p "$dir"
    cp "$source" "$dir/$file_name"
    package_item="$nl    <PackageReference Include=\"Kua.Generated\" Version=\"${ours_version[${ours_package_of[$tool]}]}\" />"
    # Set both ways: the package's default is the separate assembly in an app, the other mode in a library.
    mode_property="$nl    <KuaSeparateAssembly>false</KuaSeparateAssembly>"
    [[ $tool == *+separate ]] && mode_property="$nl    <KuaSeparateAssembly>true</KuaSeparateAssembly>"
    if [[ $spec_id == kua ]]; then
      # The Kua spec the way a user gets it (KuaIncludeDefaultSpec), pointed at a local copy so it can be edited.
      write_csproj "$dir" "$mode_property$nl    <KuaDefaultSpecFile>\$(MSBuildProjectDirectory)/$file_name</KuaDefaultSpecFile>" "$package_item"
      write_program "$dir" "using Kua;${nl}using Kua.Generated;${nl}${nl}using var client = new KuaClient(new KuaClientOptions { Email = \"user@example.com\", Password = \"not-used\" });"
    else
      write_csproj "$dir" "$mode_property$nl    <KuaIncludeDefaultSpec>false</KuaIncludeDefaultSpec>" \
        "$package_item$nl    <KuaOpenApi Include=\"$file_name\" Namespace=\"Bench.Api\" ClientName=\"BenchClient\" />"
      write_program "$dir" "using var http = new HttpClient();${nl}var client = new Bench.Api.BenchClient(http);"
    fi
    add_project "$tool" "$dir" "$dir/obj/Debug/net10.0/generated/Kua.Generated.SourceGenerator" || true
  done

  if has_baseline nswag; then
    # NSwag: generated once (NSwag.CodeGeneration.CSharp 14.8.0, settings in Generator/NSwagRunner.cs) and checked in.
    dir=$run_dir/projects/$spec_id/nswag
    mkdir -p "$dir"
    write_csproj "$dir" "" ""
    if helpers --nswag-code "$source" "$dir/Client.cs" Bench.Api > "$logs/$spec_id.nswag.generate.txt" 2>&1; then
      nswag_client=$(grep -oP 'public \K\w+(?=\(System\.Net\.Http\.HttpClient httpClient\))' "$dir/Client.cs" | head -1)
      write_program "$dir" "using var http = new HttpClient();${nl}var client = new Bench.Api.$nswag_client(http);"
      if ! add_project nswag "$dir" "$dir/Client.cs"; then
        # NSwag's output as is does not compile: measure it once more with mechanical fix-ups, labelled as such.
        fixed=$run_dir/projects/$spec_id/nswag-fixups
        mkdir -p "$fixed"
        cp "$dir/App.csproj" "$dir/Program.cs" "$fixed/"
        bash "$script_dir/nswag-fixups.sh" "$dir/Client.cs" "$fixed/Client.cs" > "$logs/$spec_id.nswag-fixups.applied.txt"
        add_project nswag-fixups "$fixed" "$fixed/Client.cs" || true
      fi
    else
      grep -vE '^\s+at ' "$logs/$spec_id.nswag.generate.txt" | head -8 > "$run_dir/failures/$spec_id.nswag.txt"
      generation_failed nswag "$run_dir/failures/$spec_id.nswag.txt"
    fi
  fi

  if has_baseline kiota; then
    # Kiota: the CLI's C# (backward-compatible extras excluded, as Kiota advises for new clients) and its runtime packages.
    dir=$run_dir/projects/$spec_id/kiota
    mkdir -p "$dir"
    items=""
    for package in $kiota_packages; do items+="$nl    <PackageReference Include=\"$package\" Version=\"$kiota_runtime_version\" />"; done
    write_csproj "$dir" "" "$items"
    kiota_program="using Microsoft.Kiota.Abstractions.Authentication;${nl}using Microsoft.Kiota.Http.HttpClientLibrary;${nl}${nl}using var http = new HttpClient();${nl}var adapter = new HttpClientRequestAdapter(new AnonymousAuthenticationProvider(), httpClient: http);${nl}var client = new Bench.Api.BenchClient(adapter);"
    if kiota_generate "$source" "$dir" "$logs/$spec_id.kiota.generate.txt"; then
      write_program "$dir" "$kiota_program"
      if ! add_project kiota "$dir" "$dir/Client"; then
        # Kiota 1.38.0 does not write the same code every time (on moby a model's factory method is missing in some
        # generations): generate again, up to 3 times, and measure the first that compiles, labelled apart.
        regenerated=$run_dir/projects/$spec_id/kiota-regenerated
        for attempt in 2 3 4; do
          sed -i "/^$spec_id,kiota-regenerated,/d" "$run_dir/projects.csv"
          rm -rf "$regenerated"
          mkdir -p "$regenerated"
          cp "$dir/App.csproj" "$regenerated/"
          write_program "$regenerated" "$kiota_program"
          kiota_generate "$source" "$regenerated" "$logs/$spec_id.kiota-regenerated.generate$attempt.txt" || continue
          if add_project kiota-regenerated "$regenerated" "$regenerated/Client"; then
            echo "- the first generation did not compile; generation $attempt did" > "$logs/$spec_id.kiota-regenerated.applied.txt"
            break
          fi
        done
      fi
    else
      grep -E -A2 '^crit:' "$logs/$spec_id.kiota.generate.txt" | head -8 > "$run_dir/failures/$spec_id.kiota.txt"
      [[ -s $run_dir/failures/$spec_id.kiota.txt ]] || tail -8 "$logs/$spec_id.kiota.generate.txt" > "$run_dir/failures/$spec_id.kiota.txt"
      generation_failed kiota "$run_dir/failures/$spec_id.kiota.txt"
    fi
  fi
done

# --- Timed runs ---
echo "run,spec,tool,scenario,seconds,exit_code,load1,server_pid,server_vmhwm_kib,build_cpu_seconds,server_cpu_seconds" > "$run_dir/builds.csv"

timed_build() { # run, spec_id, tool, scenario, dir
  local load start end code=0 pid pid_before cpu_before
  load=$(cut -d' ' -f1 /proc/loadavg)
  local build_log=$logs/$2.$3.run$1.$4.txt
  pid_before=$(server_pid)
  cpu_before=$(server_cpu_seconds "$pid_before")
  start=$EPOCHREALTIME
  # CPU time as well as wall time: on a shared, busy machine it is the steadier of the two. The build's own
  # processes (time) plus what the compiler server spent meanwhile (its /proc counters before and after).
  (cd "$5" && "${user_env[@]}" /usr/bin/time -f '%U %S' -o "$build_log.cpu" dotnet "${build_args[@]}" > "$build_log" 2>&1) || code=$?
  end=$EPOCHREALTIME
  pid=$(server_pid)
  [[ $pid == "$pid_before" ]] || cpu_before=0
  local seconds build_cpu server_cpu
  seconds=$(awk -v s="$start" -v e="$end" 'BEGIN { printf "%.3f", e - s }')
  build_cpu=$(tail -1 "$build_log.cpu" | awk '{ printf "%.2f", $1 + $2 }')
  server_cpu=$(awk -v a="$(server_cpu_seconds "$pid")" -v b="$cpu_before" 'BEGIN { printf "%.2f", a - b }')
  echo "$1,$2,$3,$4,$seconds,$code,$load,$pid,$(server_vmhwm_kib "$pid"),$build_cpu,$server_cpu" >> "$run_dir/builds.csv"
  if [[ $code != 0 ]]; then
    first_errors "$build_log" > "$run_dir/failures/$2.$3.run$1.$4.txt"
    log "    $4: FAILED (exit $code), see $build_log"
    return 1
  fi
  printf '    %-13s %7ss  cpu %6ss + server %6ss  load %s\n' "$4" "$seconds" "$build_cpu" "$server_cpu" "$load"
}

# One tool's sequence: a fresh compiler server (so its peak memory is this tool's), then cold, no-op, two C# edits
# that warm the server up, the C# edit of the fourth compile, later C# edits, and for ours the spec edit. A server
# is not warm before its fourth compile (asana: 15.2 s, 10.3 s, then 5.2 s for the same C# edit), so the first
# measured C# edit is the fourth compile for every tool. Larger generated code keeps getting faster
# for ten compiles more (README: "Why later C# edits as well"), and a user's edit-build loop runs on a server that
# has compiled many times: the later edits come closer to that. The spec edit comes last, compared with them.
sequence() { # run, spec_id, tool
  local dir=${project_dir["$2/$3"]}
  shutdown_servers
  rm -rf "$dir/bin"
  # Keep restore's results (project.assets.json, nuget.g.props/targets, the caches): a cold build, not a fresh clone.
  find "$dir/obj" -mindepth 1 -maxdepth 1 ! -name 'project.assets.json' ! -name 'project.nuget.cache' ! -name '*.nuget.*' -exec rm -rf {} +
  timed_build "$1" "$2" "$3" cold "$dir" || return 0
  timed_build "$1" "$2" "$3" noop "$dir" || return 0
  edit_program "$dir" "run $1"
  timed_build "$1" "$2" "$3" cs-edit-first "$dir" || return 0
  edit_program "$dir" "run $1 second"
  timed_build "$1" "$2" "$3" cs-edit-second "$dir" || return 0
  edit_program "$dir" "run $1 again"
  timed_build "$1" "$2" "$3" cs-edit "$dir" || return 0
  local warm
  for ((warm = 1; warm <= warm_edits; warm++)); do
    edit_program "$dir" "run $1 warm $warm"
    timed_build "$1" "$2" "$3" cs-edit-warm "$dir" || return 0
  done
  if [[ $3 == ours* ]]; then
    helpers --spec-edit "${spec_file[$2]}" "$dir/api.${spec_file[$2]##*.}" "BUILDCOST$1"
    timed_build "$1" "$2" "$3" spec-edit "$dir" || return 0
  fi
  log "    server peak (VmHWM) $(server_vmhwm_kib "$(server_pid)") KiB"
}

started=$SECONDS
for ((run = 1; run <= runs; run++)); do
  for spec in "${spec_list[@]}"; do
    spec_id=$spec; [[ $spec != kua ]] && spec_id=${spec%.*}
    pairs=()
    for pair in "${tools_of_spec[@]}"; do [[ ${pair%% *} == "$spec_id" ]] && pairs+=("${pair#* }"); done
    [[ ${#pairs[@]} -gt 0 ]] || continue
    # Interleaved, and the order rotates run by run so no tool always goes first.
    for ((i = 0; i < ${#pairs[@]}; i++)); do
      tool=${pairs[$(((i + run - 1) % ${#pairs[@]}))]}
      log "run $run/$runs, $spec_id, $tool"
      sequence "$run" "$spec_id" "$tool"
    done
  done
done
shutdown_servers

{
  echo "Date $(date -u '+%Y-%m-%d %H:%M UTC'); repository at $head_at_start; $runs runs, $warm_edits later C# edits each; timed part $(((SECONDS - started) / 60)) min."
  echo "Machine: $(nproc) cores, $(free -g | awk '/^Mem:/ { print $2 }') GiB, .NET SDK $(cd "$run_dir" && dotnet --version); builds: \`dotnet ${build_args[*]}\` (Debug) with the compiler server and MSBuild node reuse on."
  echo
  echo "Packages measured:"
  cat "$run_dir/packages.txt"
  [[ -n $baselines ]] && echo "- NSwag: NSwag.CodeGeneration.CSharp 14.8.0 (System.Text.Json; settings in Generator/NSwagRunner.cs); Kiota: CLI $kiota_version (\`--exclude-backward-compatible\`) with Microsoft.Kiota.* $kiota_runtime_version."
} > "$run_dir/run.txt"

report=$(helpers --report "$run_dir")
log "done: results in $report (raw data: $run_dir/builds.csv, $run_dir/projects.csv; logs in $logs)"
