using System;
using System.Collections.Generic;
using System.ComponentModel;

namespace Kua.Generated.Runtime.Reading
{
    /// <summary>
    /// A tolerant read in progress on this thread: the JSON readers consult it only where a strict read would throw,
    /// so strict reads pay nothing but one static flag per object or array. Generated clients begin one around each
    /// reply body in <see cref="KuaReadMode.Tolerant"/>; tests and tools can begin one around any synchronous read of
    /// generated types (for example <c>JsonSerializer.Deserialize</c> with the generated converters).
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public sealed class KuaReadSession : IDisposable
    {
        [ThreadStatic]
        private static KuaReadSession? t_current;

        // Set once any session begins, never reset: a process that only reads strictly never touches the thread-static.
        private static volatile bool s_anyBegun;

        private readonly KuaReadSession? _outer;
        private List<KuaSpecDeviation>? _deviations;
        private bool _disposed;

        private KuaReadSession(KuaReadSession? outer) => _outer = outer;

        /// <summary>The deviations read so far, innermost schema and full path each.</summary>
        public IReadOnlyList<KuaSpecDeviation> Deviations => (IReadOnlyList<KuaSpecDeviation>?)_deviations ?? Array.Empty<KuaSpecDeviation>();

        /// <summary>The session reads on this thread use, or null for strict reading.</summary>
        internal static KuaReadSession? Current => s_anyBegun ? t_current : null;

        internal int Count => _deviations?.Count ?? 0;

        /// <summary>Makes reads on this thread tolerant until the session is disposed (on the same thread).</summary>
        /// <returns>The session; dispose it to read strictly again.</returns>
        public static KuaReadSession Begin()
        {
            s_anyBegun = true;
            var session = new KuaReadSession(t_current);
            t_current = session;
            return session;
        }

        /// <summary>Ends the session: reads on this thread go back to what they were before it began.</summary>
        public void Dispose()
        {
            if (!_disposed && t_current == this)
            {
                t_current = _outer;
            }

            _disposed = true;
        }

        /// <summary>Records a deviation at the reader's position; enclosing readers add the path in front (<see cref="Within"/>).</summary>
        internal void Report(KuaSpecDeviationKind kind, string? schema, string? member)
        {
            (_deviations ??= new List<KuaSpecDeviation>()).Add(new KuaSpecDeviation(kind, schema, member is null ? string.Empty : MemberSegment(member)));
        }

        /// <summary>Puts <paramref name="segment"/> in front of the paths of the deviations recorded since <paramref name="from"/>, and names their schema where none is named yet.</summary>
        internal void Within(int from, string segment, string? schema)
        {
            for (var i = from; i < _deviations!.Count; i++)
            {
                var deviation = _deviations[i];
                deviation.RelativePath = segment + deviation.RelativePath;
                if (deviation.Schema is null)
                {
                    deviation.Schema = schema;
                }
            }
        }

        internal static string MemberSegment(string member) => "." + member;

        internal static string ItemSegment(int index) => "[" + index.ToString(System.Globalization.CultureInfo.InvariantCulture) + "]";
    }
}
