namespace Kua.Generated
{
    /// <summary>How a client reads replies whose JSON breaks the spec.</summary>
    public enum KuaReadMode
    {
        /// <summary>
        /// A reply that breaks its schema (a required member missing, a value of the wrong JSON type, null where the
        /// schema does not allow it) fails the call with a <see cref="KuaApiException"/> naming the JSON path.
        /// </summary>
        Strict = 0,

        /// <summary>
        /// The deviations real servers commit most are read anyway, and each is reported (a Warning log entry and the
        /// <c>kua.client.spec_deviations</c> counter): a missing required member reads as its default; a number for a
        /// string member reads as its text; a numeric string for a number member reads when it parses exactly; null
        /// for a required member that cannot be null reads as its default; a single object where an array is
        /// declared reads as a one-element array. Anything else still fails as in <see cref="Strict"/>.
        /// </summary>
        Tolerant = 1,
    }
}
