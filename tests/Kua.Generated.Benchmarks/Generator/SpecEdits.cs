namespace Kua.Generated.Benchmarks.Generator;

/// <summary>One-line edits of a spec, as a user would make them.</summary>
internal static class SpecEdits
{
    /// <summary>Appends a word to the first one-line schema description under components (one generated file changes).</summary>
    public static string EditOneDescription(string text)
    {
        var lines = text.Split('\n');
        var inComponents = false;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            if (line.StartsWith("components:", StringComparison.Ordinal))
            {
                inComponents = true;
                continue;
            }

            var trimmed = line.TrimStart();
            if (inComponents && trimmed.StartsWith("description: ", StringComparison.Ordinal) &&
                trimmed.Length > "description: ".Length + 2 && trimmed["description: ".Length] is not ('>' or '|' or '"' or '\''))
            {
                lines[i] = line.TrimEnd('\r') + " Edited.";
                return string.Join('\n', lines);
            }
        }

        throw new InvalidOperationException("The spec has no one-line description under components to edit.");
    }
}
