using System;

namespace Kua.Generated.SourceGenerator.Parsing.Yaml
{
    /// <summary>What a node's tag means for its JSON value; the tags JSON has no use for are <see cref="Other"/>.</summary>
    internal enum YamlTag
    {
        /// <summary>No tag: a plain scalar resolves by the core schema, any other scalar is a string.</summary>
        None,

        /// <summary>The non-specific tag <c>!</c>: a string, even when plain.</summary>
        NonSpecific,

        /// <summary><c>tag:yaml.org,2002:str</c>.</summary>
        String,

        /// <summary><c>tag:yaml.org,2002:int</c>.</summary>
        Integer,

        /// <summary><c>tag:yaml.org,2002:float</c>.</summary>
        Float,

        /// <summary><c>tag:yaml.org,2002:bool</c>.</summary>
        Boolean,

        /// <summary><c>tag:yaml.org,2002:null</c>.</summary>
        Null,

        /// <summary>Any other tag (<c>!!map</c>, <c>!!binary</c>, local tags): the node reads as if untagged.</summary>
        Other,
    }

    /// <summary>Maps a full tag (after its handle was expanded) to a <see cref="YamlTag"/>.</summary>
    internal static class YamlTags
    {
        /// <summary>The prefix the <c>!!</c> handle stands for unless a %TAG directive says otherwise.</summary>
        public const string CorePrefix = "tag:yaml.org,2002:";

        public static YamlTag Classify(string tag)
        {
            if (!tag.StartsWith(CorePrefix, StringComparison.Ordinal))
            {
                return YamlTag.Other;
            }

            switch (tag.Substring(CorePrefix.Length))
            {
                case "str":
                    return YamlTag.String;
                case "int":
                    return YamlTag.Integer;
                case "float":
                    return YamlTag.Float;
                case "bool":
                    return YamlTag.Boolean;
                case "null":
                    return YamlTag.Null;
                default:
                    return YamlTag.Other;
            }
        }
    }
}
