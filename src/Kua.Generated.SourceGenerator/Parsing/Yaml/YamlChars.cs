namespace Kua.Generated.SourceGenerator.Parsing.Yaml
{
    /// <summary>The character classes of the YAML 1.2 grammar (chapter 5). <c>'\0'</c> stands for the end of the text.</summary>
    internal static class YamlChars
    {
        public const char End = '\0';

        public static bool IsBreak(char c) => c == '\n' || c == '\r';

        public static bool IsWhite(char c) => c == ' ' || c == '\t';

        /// <summary>White space, a line break or the end of the text.</summary>
        public static bool IsBlankOrEnd(char c) => c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == End;

        /// <summary>ns-char: a printable character that is neither white space nor a line break (nor a byte order mark).</summary>
        public static bool IsNonSpace(char c) => c > ' ' && c != '\uFEFF';

        public static bool IsFlowIndicator(char c) => c == ',' || c == '[' || c == ']' || c == '{' || c == '}';

        public static bool IsIndicator(char c)
        {
            switch (c)
            {
                case '-':
                case '?':
                case ':':
                case ',':
                case '[':
                case ']':
                case '{':
                case '}':
                case '#':
                case '&':
                case '*':
                case '!':
                case '|':
                case '>':
                case '\'':
                case '"':
                case '%':
                case '@':
                case '`':
                    return true;
                default:
                    return false;
            }
        }

        public static bool IsDecimalDigit(char c) => c >= '0' && c <= '9';

        public static bool IsHexDigit(char c) => (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');

        /// <summary>ns-word-char: a digit, an ASCII letter or <c>-</c>.</summary>
        public static bool IsWordChar(char c) => IsDecimalDigit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-';

        /// <summary>ns-uri-char, but for the <c>%</c> of an escape, which the caller checks with its two hex digits.</summary>
        public static bool IsUriChar(char c)
        {
            if (IsWordChar(c))
            {
                return true;
            }

            switch (c)
            {
                case '#':
                case ';':
                case '/':
                case '?':
                case ':':
                case '@':
                case '&':
                case '=':
                case '+':
                case '$':
                case ',':
                case '_':
                case '.':
                case '!':
                case '~':
                case '*':
                case '\'':
                case '(':
                case ')':
                case '[':
                case ']':
                case '%':
                    return true;
                default:
                    return false;
            }
        }

        /// <summary>ns-tag-char: a URI character other than <c>!</c> and the flow indicators.</summary>
        public static bool IsTagChar(char c) => IsUriChar(c) && c != '!' && !IsFlowIndicator(c);

        /// <summary>ns-anchor-char: a non-space character other than the flow indicators.</summary>
        public static bool IsAnchorChar(char c) => IsNonSpace(c) && !IsFlowIndicator(c);
    }
}
