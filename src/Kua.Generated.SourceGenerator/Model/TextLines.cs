namespace Kua.Generated.SourceGenerator.Model
{
    /// <summary>Lines of text from specs and exceptions.</summary>
    internal static class TextLines
    {
        /// <summary>The first line of a text (null for null): a summary from a description, a message without its details.</summary>
        public static string? First(string? text)
        {
            if (text is null)
            {
                return null;
            }

            var end = text.IndexOfAny(new[] { '\n', '\r' });
            return (end < 0 ? text : text.Substring(0, end)).Trim();
        }
    }
}
