using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Text.Json;

namespace Kua.Generated.Runtime.Authentication
{
    /// <summary>
    /// Every secret one client knows (its credentials, such as the password, and its most recent tokens), so that text a server sends back
    /// (an error body, a header) can be kept in an exception or a log only with those secrets replaced by
    /// <see cref="Mask"/>. Each secret is looked for as sent and as JSON and URL escaping would write it.
    /// </summary>
    internal sealed class KnownSecrets
    {
        /// <summary>What a secret is replaced with.</summary>
        public const string Mask = "***";

        /// <summary>How many tokens are remembered: a reply to a request sent with an older token may still echo it.</summary>
        internal const int RecentTokenCount = 8;

        private const string RequestKey = "Kua.Generated.Secrets";

        private readonly object _lock = new object();
        private readonly string[] _credentialForms;
        private readonly Queue<string> _tokens = new Queue<string>(RecentTokenCount);

        /// <summary>Every form of every secret, longest first; replaced whole (never changed in place) so readers need no lock.</summary>
        private volatile string[] _forms;

        /// <param name="credentials">What the client authenticates with (the password; a token source of another kind adds its API key or client secret).</param>
        public KnownSecrets(params string[] credentials)
        {
            var forms = new List<string>();
            foreach (var credential in credentials)
            {
                forms.AddRange(FormsOf(credential));
            }

            _credentialForms = Sorted(forms);
            _forms = _credentialForms;
        }

        /// <summary>Remembers a token the client was given (the oldest of more than <see cref="RecentTokenCount"/> is forgotten).</summary>
        public void AddToken(string token)
        {
            lock (_lock)
            {
                if (_tokens.Count == RecentTokenCount)
                {
                    _tokens.Dequeue();
                }

                _tokens.Enqueue(token);
                var forms = new List<string>(_credentialForms);
                foreach (var known in _tokens)
                {
                    forms.AddRange(FormsOf(known));
                }

                _forms = Sorted(forms);
            }
        }

        /// <summary>Whether <paramref name="text"/> holds a secret in any of its forms.</summary>
        public bool Contains(string? text)
        {
            if (string.IsNullOrEmpty(text))
            {
                return false;
            }

            foreach (var form in _forms)
            {
                if (text!.IndexOf(form, StringComparison.Ordinal) >= 0)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary><paramref name="text"/> with every secret replaced by <see cref="Mask"/>.</summary>
        public string? Scrub(string? text)
        {
            if (!Contains(text))
            {
                return text;
            }

            foreach (var form in _forms)
            {
                text = text!.Replace(form, Mask);
            }

            return text;
        }

        /// <summary>Header values with every secret replaced by <see cref="Mask"/> (the same dictionary when none holds one).</summary>
        public IReadOnlyDictionary<string, IReadOnlyList<string>> Scrub(IReadOnlyDictionary<string, IReadOnlyList<string>> headers)
        {
            Dictionary<string, IReadOnlyList<string>>? scrubbed = null;
            foreach (var header in headers)
            {
                for (var i = 0; i < header.Value.Count; i++)
                {
                    if (Contains(header.Value[i]))
                    {
                        scrubbed ??= new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase);
                        break;
                    }
                }
            }

            if (scrubbed is null)
            {
                return headers;
            }

            foreach (var header in headers)
            {
                var values = new List<string>(header.Value.Count);
                foreach (var value in header.Value)
                {
                    values.Add(Scrub(value)!);
                }

                scrubbed[header.Key] = values;
            }

            return scrubbed;
        }

        /// <summary>Records on <paramref name="request"/> whose secrets its reply must not reveal (see <see cref="Of"/>).</summary>
        public void MarkRequest(HttpRequestMessage request) => RequestOptions.Set(request, RequestKey, this);

        /// <summary>
        /// The secrets of the client that sent <paramref name="request"/>, when a token handler marked it (directly or with
        /// the token it attached); null for requests no token handler saw.
        /// </summary>
        public static KnownSecrets? Of(HttpRequestMessage? request)
        {
            if (request is null)
            {
                return null;
            }

            return RequestOptions.Get(request, AuthenticationHandler.AttachedKey) as KnownSecrets ?? RequestOptions.Get(request, RequestKey) as KnownSecrets;
        }

        /// <summary>Text of <paramref name="response"/> kept in an exception, with the secrets of the client that sent its request replaced.</summary>
        public static string? ScrubReply(HttpResponseMessage response, string? text) => Of(response.RequestMessage)?.Scrub(text) ?? text;

        /// <summary>Headers of <paramref name="response"/> kept in an exception, with the secrets of the client that sent its request replaced.</summary>
        public static IReadOnlyDictionary<string, IReadOnlyList<string>> ScrubReply(HttpResponseMessage response, IReadOnlyDictionary<string, IReadOnlyList<string>> headers) =>
            Of(response.RequestMessage)?.Scrub(headers) ?? headers;

        public override string ToString() => "KnownSecrets { Credentials = " + Mask + ", Tokens = " + _tokens.Count + " }";

        private static string[] FormsOf(string secret)
        {
            if (string.IsNullOrEmpty(secret))
            {
                return Array.Empty<string>();
            }

            var forms = new List<string> { secret };
            AddForm(forms, JsonEncodedText.Encode(secret).ToString());
            AddForm(forms, Uri.EscapeDataString(secret));
            return forms.ToArray();
        }

        private static void AddForm(List<string> forms, string form)
        {
            if (!forms.Contains(form))
            {
                forms.Add(form);
            }
        }

        /// <summary>Longest first: a secret that contains another is replaced whole.</summary>
        private static string[] Sorted(List<string> forms)
        {
            forms.Sort((a, b) => b.Length.CompareTo(a.Length));
            return forms.ToArray();
        }
    }
}
