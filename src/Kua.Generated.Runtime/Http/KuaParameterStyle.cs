using System.ComponentModel;

namespace Kua.Generated.Runtime.Http
{
    /// <summary>How an array or object parameter is written (the OpenAPI <c>style</c> keyword).</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public enum KuaParameterStyle
    {
        /// <summary><c>form</c>: <c>a=1&amp;a=2</c> (exploded) or <c>a=1,2</c>.</summary>
        Form,

        /// <summary><c>spaceDelimited</c>: <c>a=1%202</c>.</summary>
        SpaceDelimited,

        /// <summary><c>pipeDelimited</c>: <c>a=1|2</c>.</summary>
        PipeDelimited,

        /// <summary><c>deepObject</c>: <c>a[x]=1&amp;a[y]=2</c>.</summary>
        DeepObject,

        /// <summary><c>simple</c> (paths and headers): <c>1,2</c>.</summary>
        Simple,

        /// <summary><c>label</c> (paths): <c>.1.2</c> (exploded) or <c>.1,2</c>.</summary>
        Label,

        /// <summary><c>matrix</c> (paths): <c>;a=1;a=2</c> (exploded) or <c>;a=1,2</c>.</summary>
        Matrix,

        /// <summary>Swagger 2.0 <c>collectionFormat: tsv</c>: <c>a=1%092</c> (tab-separated).</summary>
        TabDelimited,
    }
}
