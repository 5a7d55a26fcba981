using System;
using System.IO;

namespace Kua.Generated
{
    /// <summary>A file to upload in a multipart request: its content, and optionally a file name and media type.</summary>
    public sealed class KuaFile
    {
        /// <summary>Creates the file.</summary>
        /// <param name="content">The content; the caller keeps ownership and disposes it.</param>
        /// <param name="fileName">The file name sent to the server.</param>
        /// <param name="contentType">The media type (defaults to <c>application/octet-stream</c>).</param>
        public KuaFile(Stream content, string? fileName = null, string? contentType = null)
        {
            Content = content ?? throw new ArgumentNullException(nameof(content));
            FileName = fileName;
            ContentType = contentType;
        }

        /// <summary>The content.</summary>
        public Stream Content { get; }

        /// <summary>The file name sent to the server.</summary>
        public string? FileName { get; }

        /// <summary>The media type.</summary>
        public string? ContentType { get; }
    }
}
