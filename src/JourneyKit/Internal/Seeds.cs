namespace JourneyKit.Internal;

/// <summary>
/// Derives seeds from a user's seed and a run's coordinates, the same in every process. (<see cref="HashCode.Combine{T1, T2, T3}"/>
/// is randomized per process: seeding with it made "deterministic for a seed" true only within one run.)
/// </summary>
internal static class Seeds
{
    /// <summary>A non-negative seed from three integers (SplitMix64 steps).</summary>
    public static int Derive(int seed, int a, int b)
    {
        ulong x = (ulong)(uint)seed;
        x = Mix(x ^ ((ulong)(uint)a << 21));
        x = Mix(x ^ ((ulong)(uint)b << 42));
        return (int)(x & int.MaxValue);

        static ulong Mix(ulong z)
        {
            z += 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }
    }
}
