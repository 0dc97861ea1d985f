namespace JourneyKit.Personas;

/// <summary>
/// EM for a mixture of first-order Markov chains (Cadez et al. 2003) on per-journey transition counts, in log space,
/// with additive smoothing (MAP under a symmetric Dirichlet prior, so the objective — log-likelihood plus log prior —
/// never decreases), k-means++-style seeding and restarts. Journeys are processed in fixed chunks and the partial sums
/// folded in chunk order, so the result does not depend on the number of threads.
/// </summary>
internal static class MixtureEm
{
    private const int Chunk = 16_384;

    internal sealed record Fit(MixtureParameters Parameters, double LogLikelihood, double Entropy, List<double> Objective, float[] Memberships, double[] TransitionCounts);

    /// <summary>A fit in progress: its parameters and objective trace; <see cref="Converged"/> when EM has stopped improving.</summary>
    internal sealed class Run(MixtureParameters parameters)
    {
        public MixtureParameters Parameters { get; set; } = parameters;

        /// <summary>The parameters the next M-step writes into (swapped with <see cref="Parameters"/>): an iteration allocates nothing.</summary>
        public MixtureParameters Spare { get; set; } = new(parameters.K, parameters.Data);

        /// <summary>The E-step's partial sums, one per chunk, reused every iteration.</summary>
        public Pass[]? Parts { get; set; }

        public List<double> Objective { get; } = [];

        public bool Converged { get; set; }

        public double Last => Objective.Count == 0 ? double.NegativeInfinity : Objective[^1];
    }

    /// <summary>Iterations of the short runs from each seeding before the best one is run to convergence (emEM, Biernacki, Celeux and Govaert 2003).</summary>
    public const int ShortRun = 8;

    /// <summary>Seeds a fit and runs up to <paramref name="iterations"/> EM iterations.</summary>
    public static Run Start(JourneySequences data, int k, MarkovMixtureOptions options, int restart, int iterations, CancellationToken cancellationToken)
    {
        var run = new Run(Seed(data, k, options, restart, cancellationToken));
        Iterate(data, run, options, iterations, cancellationToken);
        return run;
    }

    /// <summary>Runs EM on until convergence or <see cref="MarkovMixtureOptions.MaxIterations"/> in all, then the final E-step with memberships.</summary>
    public static Fit Finish(JourneySequences data, Run run, MarkovMixtureOptions options, CancellationToken cancellationToken)
    {
        Iterate(data, run, options, options.MaxIterations - run.Objective.Count, cancellationToken);
        int k = run.Parameters.K;
        var memberships = new float[data.Journeys * k];
        Pass pass = EStep(data, run.Parameters, options, memberships, run, cancellationToken);
        return new Fit(run.Parameters, pass.LogLikelihood, pass.Entropy, run.Objective, memberships, pass.Transition);
    }

    private static void Iterate(JourneySequences data, Run run, MarkovMixtureOptions options, int iterations, CancellationToken cancellationToken)
    {
        for (int i = 0; i < iterations && !run.Converged; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            Pass pass = EStep(data, run.Parameters, options, memberships: null, run, cancellationToken);
            double current = pass.LogLikelihood + run.Parameters.LogPrior(options.Smoothing);
            double previous = run.Last;
            run.Objective.Add(current);
            if (current - previous <= options.Tolerance * Math.Abs(current))
            {
                run.Converged = true; // the parameters are those just evaluated
                break;
            }

            MStep(data, pass, options.Smoothing, run.Spare);
            (run.Parameters, run.Spare) = (run.Spare, run.Parameters);
        }
    }

    /// <summary>log p(journey j | chain c) for every chain, into <paramref name="scores"/>.</summary>
    public static void Score(JourneySequences data, MixtureParameters p, int j, Span<double> scores)
    {
        int s = p.S;
        int k = p.K;
        for (int c = 0; c < k; c++)
        {
            scores[c] = p.LogWeight[c] + p.LogInitial[(c * s) + data.First[j]];
        }

        // Pair-major parameters: each transition's k values are adjacent (each chain's sum still runs in journey order).
        ReadOnlySpan<double> transition = p.LogTransition;
        for (int i = data.PairStart[j], to = data.PairStart[j + 1]; i < to; i++)
        {
            ReadOnlySpan<double> values = transition.Slice(data.Pair[i] * k, k);
            double count = data.Count[i];
            for (int c = 0; c < k; c++)
            {
                scores[c] += count * values[c];
            }
        }
    }

    internal sealed class Pass(int k, int states, int pairs)
    {
        public double LogLikelihood { get; set; }

        public double Entropy { get; set; }

        public double[] Weight { get; } = new double[k];

        public double[] Initial { get; } = new double[k * states];

        /// <summary>Expected transition counts, observed transitions × k (pair-major, as <see cref="MixtureParameters.LogTransition"/>).</summary>
        public double[] Transition { get; } = new double[k * pairs];

        public void Clear()
        {
            LogLikelihood = 0;
            Entropy = 0;
            Array.Clear(Weight);
            Array.Clear(Initial);
            Array.Clear(Transition);
        }

        public void Add(Pass other)
        {
            LogLikelihood += other.LogLikelihood;
            Entropy += other.Entropy;
            Sum(Weight, other.Weight);
            Sum(Initial, other.Initial);
            Sum(Transition, other.Transition);

            static void Sum(double[] a, double[] b)
            {
                for (int i = 0; i < a.Length; i++)
                {
                    a[i] += b[i];
                }
            }
        }
    }

    // The partial sums of run (or fresh ones without a run) are cleared and refilled; the pass returned is the first
    // of them, valid until the run's next E-step.
    private static Pass EStep(JourneySequences data, MixtureParameters p, MarkovMixtureOptions options, float[]? memberships, Run? run, CancellationToken cancellationToken)
    {
        int chunks = (data.Journeys + Chunk - 1) / Chunk;
        Pass[] parts = run?.Parts ?? new Pass[chunks];
        if (run is not null)
        {
            run.Parts = parts;
        }

        Parallel.For(0, chunks, new ParallelOptions { MaxDegreeOfParallelism = options.MaxDegreeOfParallelism, CancellationToken = cancellationToken }, chunk =>
        {
            Pass part = parts[chunk] ??= new Pass(p.K, p.S, p.Pairs);
            part.Clear();
            Span<double> scores = stackalloc double[p.K];
            int s = p.S;
            for (int j = chunk * Chunk, end = Math.Min(data.Journeys, (chunk + 1) * Chunk); j < end; j++)
            {
                Score(data, p, j, scores);
                double max = double.NegativeInfinity;
                foreach (double x in scores)
                {
                    max = Math.Max(max, x);
                }

                double sum = 0;
                for (int c = 0; c < p.K; c++)
                {
                    scores[c] = Math.Exp(scores[c] - max);
                    sum += scores[c];
                }

                part.LogLikelihood += max + Math.Log(sum);
                for (int c = 0; c < p.K; c++)
                {
                    double r = scores[c] / sum;
                    scores[c] = r;
                    if (r <= 0)
                    {
                        continue;
                    }

                    if (memberships is not null)
                    {
                        // The final pass: memberships and their entropy (for ICL); iterations need neither.
                        memberships[(j * p.K) + c] = (float)r;
                        part.Entropy -= r * Math.Log(r);
                    }

                    part.Weight[c] += r;
                    part.Initial[(c * s) + data.First[j]] += r;
                }

                for (int i = data.PairStart[j]; i < data.PairStart[j + 1]; i++)
                {
                    Span<double> counts = part.Transition.AsSpan(data.Pair[i] * p.K, p.K);
                    double count = data.Count[i];
                    for (int c = 0; c < counts.Length; c++)
                    {
                        if (scores[c] > 0)
                        {
                            counts[c] += scores[c] * count;
                        }
                    }
                }
            }

        });

        Pass total = parts[0];
        for (int i = 1; i < parts.Length; i++)
        {
            total.Add(parts[i]);
        }

        return total;
    }

    private static MixtureParameters MStep(JourneySequences data, Pass pass, int k, double alpha) => MStep(data, pass, alpha, new MixtureParameters(k, data));

    // Writes every parameter of p (each pair lies in one row).
    private static MixtureParameters MStep(JourneySequences data, Pass pass, double alpha, MixtureParameters p)
    {
        int k = p.K;
        int s = p.S;
        int t = p.Targets;
        Span<double> denominator = stackalloc double[k];
        for (int c = 0; c < k; c++)
        {
            p.LogWeight[c] = Math.Log((pass.Weight[c] + alpha) / (data.Journeys + (k * alpha)));
        }

        for (int i = 0; i < s; i++)
        {
            int first = data.RowStart[i], end = data.RowStart[i + 1];
            denominator.Clear();
            for (int x = first; x < end; x++)
            {
                for (int c = 0; c < k; c++)
                {
                    denominator[c] += pass.Transition[(x * k) + c];
                }
            }

            for (int c = 0; c < k; c++)
            {
                p.LogInitial[(c * s) + i] = Math.Log((pass.Initial[(c * s) + i] + alpha) / (pass.Weight[c] + (s * alpha)));
                denominator[c] += t * alpha;
                p.LogUnseen[(c * s) + i] = Math.Log(alpha / denominator[c]);
            }

            for (int x = first; x < end; x++)
            {
                for (int c = 0; c < k; c++)
                {
                    p.LogTransition[(x * k) + c] = Math.Log((pass.Transition[(x * k) + c] + alpha) / denominator[c]);
                }
            }
        }

        return p;
    }

    /// <summary>
    /// k-means++-style seeding: the first centre is a random journey, each next one is drawn with probability growing with
    /// how badly the centres so far explain it (per-step negative log-likelihood, squared). A centre's chain is its
    /// journey's own transitions blended with the population's (one pseudo-journey), so rows it never visits are sensible.
    /// One E-step with equal weights and one M-step turn the centres into the starting parameters.
    /// </summary>
    private static MixtureParameters Seed(JourneySequences data, int k, MarkovMixtureOptions options, int restart, CancellationToken cancellationToken)
    {
        var random = new Random(Internal.Seeds.Derive(options.Seed, restart, k));
        int s = data.S;
        var population = Population(data, options.Smoothing);
        var centres = new MixtureParameters(k, data);
        var best = new double[data.Journeys];
        Array.Fill(best, double.PositiveInfinity);
        var candidate = new double[data.Journeys];
        var single = new MixtureParameters(1, data);
        var kept = new MixtureParameters(1, data);
        var rowTotals = new double[s];
        int trials = 2 + (int)Math.Log(k); // greedy k-means++: of a few drawn candidates, keep the one that explains most
        for (int c = 0; c < k; c++)
        {
            double bestCost = double.PositiveInfinity;
            for (int trial = 0; trial < (c == 0 ? 1 : trials); trial++)
            {
                int j = c == 0 ? random.Next(data.Journeys) : Draw(best, random);
                Centre(data, population, j, single, rowTotals);
                double cost = Distances(data, single, best, candidate);
                if (cost < bestCost)
                {
                    bestCost = cost;
                    (single, kept) = (kept, single);
                }
            }

            Array.Copy(kept.LogInitial, 0, centres.LogInitial, c * s, s);
            for (int x = 0; x < data.Pairs; x++)
            {
                centres.LogTransition[(x * k) + c] = kept.LogTransition[x];
            }

            Array.Copy(kept.LogUnseen, 0, centres.LogUnseen, c * s, s);
            centres.LogWeight[c] = -Math.Log(k);
            Distances(data, kept, best, best);
            cancellationToken.ThrowIfCancellationRequested();
        }

        Pass pass = EStep(data, centres, options, null, null, cancellationToken);
        return MStep(data, pass, options.Smoothing, centres);
    }

    /// <summary>Each journey's distance to the nearest centre once <paramref name="centre"/> is added (per-step negative log-likelihood), into <paramref name="result"/>; returns the total.</summary>
    private static double Distances(JourneySequences data, MixtureParameters centre, double[] nearest, double[] result)
    {
        Span<double> score = stackalloc double[1];
        double total = 0;
        for (int i = 0; i < data.Journeys; i++)
        {
            Score(data, centre, i, score);
            result[i] = Math.Min(nearest[i], -score[0] / (data.Length[i] + 1));
            total += result[i] == double.PositiveInfinity ? 0 : result[i];
        }

        return total;
    }

    private static int Draw(double[] distance, Random random)
    {
        double floor = distance.Min();
        double total = 0;
        foreach (double d in distance)
        {
            total += (d - floor) * (d - floor);
        }

        if (!(total > 0))
        {
            return random.Next(distance.Length);
        }

        double u = random.NextDouble() * total;
        for (int i = 0; i < distance.Length; i++)
        {
            u -= (distance[i] - floor) * (distance[i] - floor);
            if (u <= 0)
            {
                return i;
            }
        }

        return distance.Length - 1;
    }

    /// <summary>The one-chain fit to all journeys (smoothed): what each centre is blended with.</summary>
    internal static MixtureParameters Population(JourneySequences data, double alpha)
    {
        var pass = new Pass(1, data.S, data.Pairs);
        for (int j = 0; j < data.Journeys; j++)
        {
            pass.Weight[0]++;
            pass.Initial[data.First[j]]++;
            for (int i = data.PairStart[j]; i < data.PairStart[j + 1]; i++)
            {
                pass.Transition[data.Pair[i]] += data.Count[i];
            }
        }

        return MStep(data, pass, 1, alpha);
    }

    // A centre: the journey's own transitions blended with the population's chain (one pseudo-journey). Rows the journey
    // does not leave keep the population's values; only its own rows are computed (no S × S scratch per candidate).
    // rowTotals is scratch of S zeros, left as it was found.
    private static void Centre(JourneySequences data, MixtureParameters population, int j, MixtureParameters into, double[] rowTotals)
    {
        int s = data.S;
        for (int i = 0; i < s; i++)
        {
            into.LogInitial[i] = Math.Log((Math.Exp(population.LogInitial[i]) + (i == data.First[j] ? 1 : 0)) / 2);
        }

        Array.Copy(population.LogTransition, into.LogTransition, data.Pairs);
        Array.Copy(population.LogUnseen, into.LogUnseen, s);
        int from = data.PairStart[j], to = data.PairStart[j + 1];
        for (int i = from; i < to; i++)
        {
            rowTotals[data.From(data.Pair[i])] += data.Count[i];
        }

        for (int i = from; i < to; i++)
        {
            int row = data.From(data.Pair[i]);
            double total = rowTotals[row];
            if (into.LogUnseen[row] == population.LogUnseen[row])
            {
                // The row's first pair here: every target of the row is divided by the journey's row total + 1.
                for (int x = data.RowStart[row]; x < data.RowStart[row + 1]; x++)
                {
                    into.LogTransition[x] = population.LogTransition[x] - Math.Log(total + 1);
                }

                into.LogUnseen[row] = population.LogUnseen[row] - Math.Log(total + 1);
            }

            int pair = data.Pair[i];
            into.LogTransition[pair] = Math.Log((data.Count[i] + Math.Exp(population.LogTransition[pair])) / (total + 1));
        }

        for (int i = from; i < to; i++)
        {
            rowTotals[data.From(data.Pair[i])] = 0;
        }
    }
}
