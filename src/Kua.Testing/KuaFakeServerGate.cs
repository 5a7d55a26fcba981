using System;
using System.Threading.Tasks;

namespace Kua.Testing
{
    /// <summary>
    /// Holds requests of one kind inside the fake server until released, so a test decides exactly when a reply
    /// goes out (no sleeps). It holds at most the number of requests it was created for; later ones pass.
    /// Disposing releases it too.
    /// </summary>
    public sealed class KuaFakeServerGate : IDisposable
    {
        private readonly TaskCompletionSource<bool> _released = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly Action<KuaFakeServerGate> _onRelease;

        private int _remaining;

        internal KuaFakeServerGate(int count, Action<KuaFakeServerGate> onRelease)
        {
            _remaining = count;
            _onRelease = onRelease;
        }

        /// <summary>How many requests the gate is holding or has held.</summary>
        public int HeldCount { get; private set; }

        /// <summary>Under the server's lock: whether the arriving request is held.</summary>
        internal bool TryHold()
        {
            if (IsReleased || _remaining <= 0)
            {
                return false;
            }

            _remaining--;
            HeldCount++;
            return true;
        }

        /// <summary>Whether the gate was released.</summary>
        public bool IsReleased => _released.Task.IsCompleted;

        internal Task WaitAsync() => _released.Task;

        /// <summary>Lets every held request (and every later one) through.</summary>
        public void Release()
        {
            if (_released.TrySetResult(true))
            {
                _onRelease(this);
            }
        }

        /// <summary>Same as <see cref="Release"/>.</summary>
        public void Dispose() => Release();
    }
}
