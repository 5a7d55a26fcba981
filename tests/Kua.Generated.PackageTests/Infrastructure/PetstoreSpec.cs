namespace Kua.Generated.PackageTests.Infrastructure;

/// <summary>The corpus's Swagger Petstore (OpenAPI 3.0, YAML) and the edits the tests make to a consumer's copy of it.</summary>
internal static class PetstoreSpec
{
    public const string CorpusFile = "oai-v3.0-petstore.yaml";

    public static string Text => File.ReadAllText(TestPaths.CorpusFile(CorpusFile)).ReplaceLineEndings("\n");

    /// <summary>Adds GET /pets/{petId}/vaccinations (operationId listVaccinations, tag pets, a string array) at the end of paths.</summary>
    public static string AddVaccinations(string spec)
    {
        const string operation = """
              /pets/{petId}/vaccinations:
                get:
                  summary: The vaccinations of a pet
                  operationId: listVaccinations
                  tags:
                    - pets
                  parameters:
                    - name: petId
                      in: path
                      required: true
                      schema:
                        type: string
                  responses:
                    '200':
                      description: The vaccinations
                      content:
                        application/json:
                          schema:
                            type: array
                            items:
                              type: string

            """;
        var components = spec.IndexOf("\ncomponents:", StringComparison.Ordinal);
        Assert.True(components > 0, "The petstore spec has no components section to insert before.");
        return spec[..(components + 1)] + operation + spec[(components + 1)..];
    }

    /// <summary>Removes a path item (all its lines) from the spec's paths.</summary>
    public static string RemovePath(string spec, string path)
    {
        var lines = spec.Split('\n').ToList();
        var start = lines.IndexOf("  " + path + ":");
        Assert.True(start >= 0, "The spec has no path " + path);
        var end = start + 1;
        while (end < lines.Count && (lines[end].Length == 0 || lines[end].StartsWith("   ", StringComparison.Ordinal)))
        {
            end++;
        }

        lines.RemoveRange(start, end - start);
        return string.Join('\n', lines);
    }

    /// <summary>
    /// Breaks the YAML: opens a double-quoted scalar that never closes on the listPets summary. Returns the 1-based
    /// line and column where the YAML error must be reported: the first character of the line after the quote.
    /// </summary>
    public static string BreakSummary(string spec, out int line, out int column)
    {
        var lines = spec.Split('\n');
        var index = Array.IndexOf(lines, "      summary: List all pets");
        Assert.True(index >= 0, "The petstore spec has no listPets summary line.");
        lines[index] = "      summary: \"List all pets";
        // The quote never closes, so the scalar runs on into the next line, which is indented less than the
        // scalar's node: that line is where the document stops being YAML, and the reader reports it there.
        line = index + 2;
        column = lines[index + 1].Length - lines[index + 1].TrimStart(' ').Length + 1;
        return string.Join('\n', lines);
    }

    /// <summary>The 1-based line of the first line of a file that contains the text.</summary>
    public static int LineOf(string text, string fragment)
    {
        var index = Array.FindIndex(text.ReplaceLineEndings("\n").Split('\n'), l => l.Contains(fragment, StringComparison.Ordinal));
        Assert.True(index >= 0, "No line contains " + fragment);
        return index + 1;
    }
}
