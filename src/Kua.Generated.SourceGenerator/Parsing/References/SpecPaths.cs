using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;

namespace Kua.Generated.SourceGenerator.Parsing.References
{
    /// <summary>
    /// File paths as the generator compares them: a spec's <c>$ref</c> (<c>../models/x.yml</c>) resolved against the
    /// referring file's folder, and MSBuild's paths of AdditionalFiles, both reduced to one key (separators
    /// <c>/</c>, no <c>.</c> or <c>..</c> segments). Keys compare as the OS compares paths. No file is touched.
    /// </summary>
    internal static class SpecPaths
    {
        /// <summary>Case-insensitive where the usual file systems are (Windows, macOS), ordinal elsewhere.</summary>
        public static StringComparer Comparer { get; } =
            RuntimeInformation.IsOSPlatform(OSPlatform.Windows) || RuntimeInformation.IsOSPlatform(OSPlatform.OSX)
                ? StringComparer.OrdinalIgnoreCase
                : StringComparer.Ordinal;

        /// <summary>The key of a full path: <c>C:\a\.\b\..\c.yaml</c> → <c>C:/a/c.yaml</c>.</summary>
        public static string Key(string path)
        {
            var unc = path.Length > 1 && IsSeparator(path[0]) && IsSeparator(path[1]);
            var rooted = path.Length > 0 && IsSeparator(path[0]);
            var segments = new List<string>();
            foreach (var segment in path.Split('/', '\\'))
            {
                if (segment.Length == 0 || segment == ".")
                {
                    continue;
                }

                // ".." never climbs above the root (nor above a drive or a UNC share's server).
                if (segment == ".." && segments.Count > (unc ? 1 : 0) && !(segments.Count == 1 && IsDrive(segments[0])))
                {
                    segments.RemoveAt(segments.Count - 1);
                }
                else if (segment != "..")
                {
                    segments.Add(segment);
                }
            }

            var joined = string.Join("/", segments);
            return unc ? "//" + joined : rooted ? "/" + joined : joined;
        }

        /// <summary>The key of the file a relative (or absolute) path names, seen from another file.</summary>
        public static string Resolve(string fromFile, string relativePath)
        {
            if (IsAbsolute(relativePath))
            {
                return Key(relativePath);
            }

            var folderEnd = Math.Max(fromFile.LastIndexOf('/'), fromFile.LastIndexOf('\\'));
            var folder = folderEnd < 0 ? string.Empty : fromFile.Substring(0, folderEnd + 1);
            return Key(folder + relativePath);
        }

        /// <summary>The file name without folder or extension (<c>models/droplet.yml</c> → <c>droplet</c>).</summary>
        public static string NameWithoutExtension(string path)
        {
            var start = Math.Max(path.LastIndexOf('/'), path.LastIndexOf('\\')) + 1;
            var dot = path.LastIndexOf('.');
            return dot > start ? path.Substring(start, dot - start) : path.Substring(start);
        }

        /// <summary>The folders of a key, outermost first (<c>/a/b/c.yml</c> → <c>a</c>, <c>b</c>).</summary>
        public static IReadOnlyList<string> Folders(string key)
        {
            var parts = key.Split('/');
            var folders = new List<string>(parts.Length);
            for (var i = 0; i < parts.Length - 1; i++)
            {
                if (parts[i].Length > 0)
                {
                    folders.Add(parts[i]);
                }
            }

            return folders;
        }

        /// <summary>Whether a path names a spec file by its look: a YAML or JSON extension, or an explicit <c>./</c> or <c>../</c>.</summary>
        public static bool LooksLikeSpecFile(string path) =>
            path.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) ||
            path.EndsWith(".yml", StringComparison.OrdinalIgnoreCase) ||
            path.EndsWith(".json", StringComparison.OrdinalIgnoreCase) ||
            path.StartsWith("./", StringComparison.Ordinal) || path.StartsWith("../", StringComparison.Ordinal) ||
            path.StartsWith(".\\", StringComparison.Ordinal) || path.StartsWith("..\\", StringComparison.Ordinal);

        private static bool IsAbsolute(string path) =>
            (path.Length > 0 && IsSeparator(path[0])) || (path.Length > 2 && path[1] == ':' && IsSeparator(path[2]) && char.IsLetter(path[0]));

        private static bool IsDrive(string segment) => segment.Length == 2 && segment[1] == ':' && char.IsLetter(segment[0]);

        private static bool IsSeparator(char c) => c == '/' || c == '\\';
    }

    /// <summary>What a <c>$ref</c> names: a place in the same file, a place in another file, or a URL.</summary>
    internal enum ReferenceKind
    {
        Local,
        File,
        Url,
    }

    /// <summary>A <c>$ref</c> split into the file it names and its JSON pointer.</summary>
    /// <param name="Kind">A place in the same file, in another file, or a URL.</param>
    /// <param name="Path">The file part, percent-decoded; empty for a local reference.</param>
    /// <param name="Pointer">The fragment with its <c>#</c> (<c>#/components/schemas/A</c>), or empty for a whole file.</param>
    internal readonly record struct SpecReference(ReferenceKind Kind, string Path, string Pointer)
    {
        public static SpecReference Parse(string reference)
        {
            var hash = reference.IndexOf('#');
            var path = hash < 0 ? reference : reference.Substring(0, hash);
            var pointer = hash < 0 ? string.Empty : reference.Substring(hash);
            if (path.Length == 0)
            {
                return new SpecReference(ReferenceKind.Local, string.Empty, pointer);
            }

            return HasScheme(path)
                ? new SpecReference(ReferenceKind.Url, path, pointer)
                : new SpecReference(ReferenceKind.File, Unescape(path), pointer);
        }

        /// <summary><c>https:</c>, <c>file:</c>, <c>urn:</c>…; a drive letter (<c>C:</c>) is no scheme.</summary>
        private static bool HasScheme(string path)
        {
            var colon = path.IndexOf(':');
            if (colon < 2 || !char.IsLetter(path[0]))
            {
                return false;
            }

            for (var i = 1; i < colon; i++)
            {
                var c = path[i];
                if (!char.IsLetterOrDigit(c) && c != '+' && c != '-' && c != '.')
                {
                    return false;
                }
            }

            return true;
        }

        private static string Unescape(string path)
        {
            try
            {
                return path.IndexOf('%') < 0 ? path : Uri.UnescapeDataString(path);
            }
            catch (UriFormatException)
            {
                return path;
            }
        }
    }
}
