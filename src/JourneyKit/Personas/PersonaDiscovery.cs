using System.Globalization;
using JourneyKit.Events;
using JourneyKit.Internal;

namespace JourneyKit.Personas;

/// <summary>Discovers the behavioural personas in an event log: groups of customers that move through the journey alike.</summary>
public static class PersonaDiscovery
{
    /// <summary>Groups customers by how they move (see <see cref="MarkovMixture(EventLog, MarkovMixtureOptions?, CancellationToken)"/>), with cancellation.</summary>
    /// <param name="log">The events.</param>
    /// <param name="options">Number of personas, level, seed…; <see langword="null"/> for the defaults.</param>
    /// <param name="cancellationToken">Cancels the fit (checked every iteration).</param>
    /// <returns>The personas and each customer's assignment.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="log"/> is null.</exception>
    /// <exception cref="ArgumentException">The log has no events (or none with a step at the level), more states than allowed, or fewer journeys than personas asked for.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static PersonaDiscoveryResult MarkovMixture(EventLog log, MarkovMixtureOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(log);
        options ??= new MarkovMixtureOptions();
        options.Validate();
        JourneySequences data = JourneySequences.From(log, options.Level, options.MaxStates);
        int n = data.Journeys;
        if (options.Clusters is { } asked && asked > n)
        {
            throw new ArgumentException($"{asked} personas were asked for, but the log has only {n} journeys.", nameof(options));
        }

        int from = options.Clusters ?? Math.Min(options.MinClusters, n);
        int to = options.Clusters ?? Math.Min(options.MaxClusters, n);
        // Each number of personas is an independent fit (its seeds derive from the seed, the restart and k), so the
        // candidates run side by side, the largest first; the choice then reads them in order of k.
        int count = to - from + 1;
        var fits = new MixtureEm.Fit[count];
        var scores = new ClusterScore[count];
        int[] order = [.. Enumerable.Range(from, count).Reverse()];
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.MaxDegreeOfParallelism, CancellationToken = cancellationToken };
        Parallel.ForEach(System.Collections.Concurrent.Partitioner.Create(order, loadBalance: true), parallel, k =>
        {
            // emEM: a short run from each seeding, then the best one on to convergence.
            MixtureEm.Run? leader = null;
            for (int restart = 0; restart < options.Restarts; restart++)
            {
                MixtureEm.Run run = MixtureEm.Start(data, k, options, restart, Math.Min(MixtureEm.ShortRun, options.MaxIterations), cancellationToken);
                if (leader is null || run.Last > leader.Last)
                {
                    leader = run;
                }
            }

            MixtureEm.Fit best = MixtureEm.Finish(data, leader!, options, cancellationToken);

            // Free parameters: weights, first steps, and per state left the transitions that occur less one (they sum to
            // one with the smoothed rest). Counting all S² targets per chain, as the dense model did, priced a chain far
            // above what the data can pin down and chose too few personas.
            double parameters = (k - 1) + (k * (data.S - 1)) + ((double)k * (data.Pairs - RowsLeft(data)));
            double bic = (-2 * best.LogLikelihood) + (parameters * Math.Log(n));
            fits[k - from] = best;
            scores[k - from] = new ClusterScore(k, best.LogLikelihood, bic, bic + (2 * best.Entropy));
        });

        var candidates = new List<ClusterScore>(scores);
        int chosen = 0;
        for (int i = 1; i < count; i++)
        {
            if (Criterion(scores[i], options.Criterion) < Criterion(scores[chosen], options.Criterion))
            {
                chosen = i;
            }
        }

        return Describe(log, data, fits[chosen], scores[chosen], candidates, options);

        static double Criterion(ClusterScore score, ClusterCriterion criterion) => criterion == ClusterCriterion.Icl ? score.Icl : score.Bic;
    }

    /// <summary>Groups customers by what they do (see <see cref="KMeans(EventLog, KMeansOptions?, CancellationToken)"/>), with cancellation.</summary>
    /// <param name="log">The events.</param>
    /// <param name="options">Number of personas, seed, attributes…; <see langword="null"/> for the defaults.</param>
    /// <param name="cancellationToken">Cancels the fit (checked every iteration).</param>
    /// <returns>The personas and each customer's assignment.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="log"/> is null.</exception>
    /// <exception cref="ArgumentException">The log has no events, every feature is constant, or there are fewer customers than personas asked for.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static FeaturePersonaResult KMeans(EventLog log, KMeansOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(log);
        options ??= new KMeansOptions();
        options.Validate();
        BehaviourFeatures features = BehaviourFeatures.From(log, options.Attributes);
        int n = features.Rows;
        if (options.Clusters is { } asked && asked > n)
        {
            throw new ArgumentException($"{asked} personas were asked for, but the log has only {n} customers.", nameof(options));
        }

        // Standardise; leave out the features on which everyone agrees. Each column is first divided by its largest
        // magnitude, so that values near ±1e308 do not overflow the variance and values near 1e-320 do not underflow it
        // (either made a varied column look constant).
        int width = features.Columns;
        var mean = new double[width];
        var sd = new double[width];
        var scale = new double[width];
        var scaledMean = new double[width];
        var scaledSd = new double[width];
        for (int j = 0; j < width; j++)
        {
            double largest = 0;
            for (int r = 0; r < n; r++)
            {
                largest = Math.Max(largest, Math.Abs(features.Values[(r * width) + j]));
            }

            scale[j] = largest > 0 ? largest : 1;
            double sum = 0;
            for (int r = 0; r < n; r++)
            {
                sum += features.Values[(r * width) + j] / scale[j];
            }

            scaledMean[j] = sum / n;
            double squares = 0;
            for (int r = 0; r < n; r++)
            {
                double diff = (features.Values[(r * width) + j] / scale[j]) - scaledMean[j];
                squares += diff * diff;
            }

            scaledSd[j] = Math.Sqrt(squares / n);
            mean[j] = scaledMean[j] * scale[j];
            sd[j] = scaledSd[j] * scale[j];
        }

        int[] kept = [.. Enumerable.Range(0, width).Where(j => scaledSd[j] > 1e-12 * Math.Max(1e-300, Math.Abs(scaledMean[j])))];
        if (kept.Length == 0)
        {
            throw new ArgumentException($"Every feature has the same value for every customer ({string.Join(", ", features.Names)}); there is nothing to group by.", nameof(log));
        }

        int d = kept.Length;
        var z = new double[n * d];
        for (int r = 0; r < n; r++)
        {
            for (int i = 0; i < d; i++)
            {
                int j = kept[i];
                z[(r * d) + i] = ((features.Values[(r * width) + j] / scale[j]) - scaledMean[j]) / scaledSd[j];
            }
        }

        // The silhouette needs at least two groups and fewer groups than customers: with two customers or fewer, one group.
        int to = options.Clusters ?? Math.Min(options.MaxClusters, Math.Max(1, n - 1));
        int from = Math.Min(options.Clusters ?? 2, to);
        var candidates = new List<SilhouetteScore>();
        KMeansFit.Result? chosen = null;
        SilhouetteScore? chosenScore = null;
        for (int k = from; k <= to; k++)
        {
            KMeansFit.Result? best = null;
            for (int restart = 0; restart < options.Restarts; restart++)
            {
                KMeansFit.Result fit = KMeansFit.Run(z, n, d, k, options.Seed, restart, options.MaxIterations, Environment.ProcessorCount, cancellationToken);
                if (best is null || fit.WithinSumOfSquares < best.WithinSumOfSquares)
                {
                    best = fit;
                }
            }

            double silhouette = KMeansFit.Silhouette(z, n, d, k, best!.Assignment, options.SilhouetteSample, options.Seed);
            var score = new SilhouetteScore(k, best.WithinSumOfSquares, silhouette);
            candidates.Add(score);
            if (chosenScore is null || (options.Clusters is null && silhouette > chosenScore.Silhouette))
            {
                (chosen, chosenScore) = (best, score);
            }
        }

        return DescribeFeatures(log, features, kept, mean, sd, scale, chosen!, chosenScore!, candidates);
    }

    private static FeaturePersonaResult DescribeFeatures(EventLog log, BehaviourFeatures features, int[] kept, double[] mean, double[] sd, double[] scale, KMeansFit.Result fit, SilhouetteScore score, List<SilhouetteScore> candidates)
    {
        int n = features.Rows;
        int width = features.Columns;
        int k = fit.Centres.Length / kept.Length;
        var sizes = new int[k];
        foreach (int c in fit.Assignment)
        {
            sizes[c]++;
        }

        int[] order = [.. Enumerable.Range(0, k).OrderByDescending(c => sizes[c]).ThenBy(c => c)];
        var rank = new int[k];
        for (int i = 0; i < k; i++)
        {
            rank[order[i]] = i;
        }

        int[] assignment = [.. fit.Assignment.Select(c => rank[c])];
        string[] names = [.. kept.Select(j => features.Names[j])];
        var sums = new double[k * width];
        for (int r = 0; r < n; r++)
        {
            int p = assignment[r];
            for (int j = 0; j < width; j++)
            {
                sums[(p * width) + j] += features.Values[(r * width) + j];
            }
        }

        var personas = new FeaturePersona[k];
        for (int i = 0; i < k; i++)
        {
            var centre = new Dictionary<string, double>(StringComparer.Ordinal);
            foreach (int j in kept)
            {
                centre[features.Names[j]] = sizes[order[i]] == 0 ? double.NaN : sums[(i * width) + j] / sizes[order[i]];
            }

            var standout = kept.OrderByDescending(j => Math.Abs((centre[features.Names[j]] / scale[j]) - (mean[j] / scale[j])) / (sd[j] / scale[j])).ThenBy(j => j).Take(3)
                .Select(j => FeatureText(features.Names[j], centre[features.Names[j]], mean[j]));
            double share = (double)sizes[order[i]] / n;
            personas[i] = new FeaturePersona(i, sizes[order[i]], share, centre, string.Create(CultureInfo.InvariantCulture, $"{share:P0} of customers; {string.Join("; ", standout)}"));
        }

        var values = new double[n * kept.Length];
        for (int r = 0; r < n; r++)
        {
            for (int i = 0; i < kept.Length; i++)
            {
                values[(r * kept.Length) + i] = features.Values[(r * width) + kept[i]];
            }
        }

        string[] customers = [.. features.Customers.Select(c => log.CustomerIds[c])];
        string[] dropped = [.. features.Names.Where((_, j) => !kept.Contains(j))];
        return new FeaturePersonaResult(names, dropped, personas, customers, assignment, values, score, candidates);
    }

    private static PersonaDiscoveryResult Describe(EventLog log, JourneySequences data, MixtureEm.Fit fit, ClusterScore score, List<ClusterScore> candidates, MarkovMixtureOptions options)
    {
        int k = fit.Parameters.K;
        int n = data.Journeys;
        var (raw, sizes) = HardAssignments(fit.Memberships, n, k);

        // Personas by size, largest first (ties by the chain's index): the order a reader expects, the same for every run.
        // A chain no journey is assigned to is no persona: it is dropped (identical journeys asked for five personas give
        // one), its weight and memberships spread over the rest in proportion.
        int fitted = k;
        int[] order = [.. Enumerable.Range(0, fitted).Where(c => sizes[c] > 0).OrderByDescending(c => sizes[c]).ThenBy(c => c)];
        k = order.Length;
        var rank = new int[fitted];
        Array.Fill(rank, -1);
        for (int i = 0; i < k; i++)
        {
            rank[order[i]] = i;
        }

        var parameters = Reordered(fit.Parameters, data, order);
        int st = data.Pairs;

        var assignment = new int[n];
        var memberships = new float[n * k];
        for (int j = 0; j < n; j++)
        {
            assignment[j] = rank[raw[j]];
            double kept = 0;
            foreach (int c in order)
            {
                kept += fit.Memberships[(j * fitted) + c];
            }

            foreach (int c in order)
            {
                memberships[(j * k) + rank[c]] = (float)(fit.Memberships[(j * fitted) + c] / kept);
            }
        }

        MixtureParameters population = MixtureEm.Population(data, options.Smoothing);
        var populationCounts = new double[st];
        for (int c = 0; c < fitted; c++)
        {
            for (int x = 0; x < st; x++)
            {
                populationCounts[x] += fit.TransitionCounts[(x * fitted) + c];
            }
        }

        ReadOnlySpan<EventOutcome> outcomes = log.Outcomes;
        ReadOnlySpan<int> offsets = log.CustomerOffsets;
        var personaSizes = new int[k];
        for (int c = 0; c < k; c++)
        {
            personaSizes[rank[c]] = sizes[c];
        }

        var converted = new int[k];
        var membership = new double[k];
        for (int j = 0; j < n; j++)
        {
            int i = assignment[j];
            membership[i] += memberships[(j * k) + i];
            int customer = data.Customers[j];
            if (outcomes[offsets[customer]..offsets[customer + 1]].Contains(EventOutcome.Conversion))
            {
                converted[i]++;
            }
        }

        PersonaProfile[] profiles = PersonaProfile.Of(log, data, assignment, k, options.Level, converted, personaSizes);
        var personas = new DiscoveredPersona[k];
        for (int i = 0; i < k; i++)
        {
            var counts = new double[st];
            for (int x = 0; x < st; x++)
            {
                counts[x] = fit.TransitionCounts[(x * fitted) + order[i]];
            }

            personas[i] = Persona(i, personaSizes[i], n, membership[i], converted[i], parameters, population, data, counts, populationCounts, profiles[i]);
        }

        string[] customers = [.. data.Customers.Select(c => log.CustomerIds[c])];
        return new PersonaDiscoveryResult(options.Level, new MarkovMixtureModel(parameters, data.States), personas, customers, assignment, memberships,
            fit.LogLikelihood, score, candidates, fit.Objective);
    }

    // Each journey's most likely chain (ties: the lower index), and how many journeys each chain gets.
    private static (int[] Raw, int[] Sizes) HardAssignments(float[] memberships, int n, int k)
    {
        var raw = new int[n];
        var sizes = new int[k];
        for (int j = 0; j < n; j++)
        {
            int bestK = 0;
            for (int c = 1; c < k; c++)
            {
                if (memberships[(j * k) + c] > memberships[(j * k) + bestK])
                {
                    bestK = c;
                }
            }

            raw[j] = bestK;
            sizes[bestK]++;
        }

        return (raw, sizes);
    }

    // The fitted chains in persona order, dropped chains left out and the kept weights renormalised.
    private static MixtureParameters Reordered(MixtureParameters fitted, JourneySequences data, int[] order)
    {
        int k = order.Length, all = fitted.K;
        var parameters = new MixtureParameters(k, data);
        double keptWeight = order.Sum(c => Math.Exp(fitted.LogWeight[c]));
        for (int i = 0; i < k; i++)
        {
            int c = order[i];
            parameters.LogWeight[i] = fitted.LogWeight[c] - Math.Log(keptWeight);
            Array.Copy(fitted.LogInitial, c * data.S, parameters.LogInitial, i * data.S, data.S);
            for (int x = 0; x < data.Pairs; x++)
            {
                parameters.LogTransition[(x * k) + i] = fitted.LogTransition[(x * all) + c];
            }

            Array.Copy(fitted.LogUnseen, c * data.S, parameters.LogUnseen, i * data.S, data.S);
        }

        return parameters;
    }

    private static DiscoveredPersona Persona(int i, int size, int n, double membership, int converted, MixtureParameters p, MixtureParameters population, JourneySequences data,
        ReadOnlySpan<double> counts, double[] populationCounts, PersonaProfile profile)
    {
        int s = data.S;
        int t = data.Targets;
        string Name(int state) => state == s ? MarkovMixtureModel.EndState : data.States[state];
        var starts = Enumerable.Range(0, s)
            .Select(x => (State: data.States[x], Probability: Math.Exp(p.LogInitial[(i * s) + x])))
            .OrderByDescending(x => x.Probability).ThenBy(x => x.State, StringComparer.Ordinal).Take(3).ToList();
        // A step counts as the persona's own when it is at least 2 % of the persona's (expected) steps; a common step is
        // one that is at least 2 % of everyone's. Rows a persona hardly visits are mostly smoothing and say nothing.
        double total = 0;
        double populationTotal = 0;
        for (int x = 0; x < counts.Length; x++)
        {
            total += counts[x];
            populationTotal += populationCounts[x];
        }

        // Only transitions that occur can reach 2 % of anyone's steps: the others are not looked at.
        var distinctive = new List<PersonaTransition>();
        var underused = new List<PersonaTransition>();
        int pairs = data.Pairs;
        for (int x = 0; x < pairs; x++)
        {
            bool own = total > 0 && counts[x] / total >= 0.02;
            bool common = populationTotal > 0 && populationCounts[x] / populationTotal >= 0.02;
            if (own || common)
            {
                var step = new PersonaTransition(Name(data.From(x)), Name(data.To(x)), Math.Exp(p.LogTransition[(x * p.K) + i]), Math.Exp(population.LogTransition[x]));
                if (own)
                {
                    distinctive.Add(step);
                }

                if (common)
                {
                    underused.Add(step);
                }
            }
        }

        distinctive = [.. distinctive.OrderByDescending(x => x.Lift).ThenBy(x => x.From, StringComparer.Ordinal).ThenBy(x => x.To, StringComparer.Ordinal).Take(5)];
        underused = [.. underused.OrderBy(x => x.Lift).ThenBy(x => x.From, StringComparer.Ordinal).ThenBy(x => x.To, StringComparer.Ordinal).Take(5)];
        double share = n == 0 ? double.NaN : (double)size / n;
        double conversion = size == 0 ? double.NaN : (double)converted / size;
        var text = new System.Text.StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"{share:P0} of customers; starts at '{Guard.Clip(starts[0].State)}' ({starts[0].Probability:P0})");
        if (distinctive.FirstOrDefault(x => x.Lift > 1.2) is { } top)
        {
            text.Append(CultureInfo.InvariantCulture, $"; goes {Guard.Clip(top.From)} → {Guard.Clip(top.To)} {top.Lift:F1}× as often as average");
        }

        if (underused.FirstOrDefault(x => x.Lift < 0.8) is { } rare)
        {
            text.Append(CultureInfo.InvariantCulture, $"; rarely {Guard.Clip(rare.From)} → {Guard.Clip(rare.To)} ({rare.Lift:F1}×)");
        }

        if (!double.IsNaN(conversion))
        {
            text.Append(CultureInfo.InvariantCulture, $"; converts {conversion:P1}");
        }

        if (profile.ChannelMix.Count == 1)
        {
            text.Append(CultureInfo.InvariantCulture, $"; only on {Guard.Clip(profile.ChannelMix[0].Channel)}");
        }
        else if (profile.ChannelMix.Count > 1 && profile.ChannelMix[0].Share >= 0.5)
        {
            text.Append(CultureInfo.InvariantCulture, $"; mostly {Guard.Clip(profile.ChannelMix[0].Channel)} ({profile.ChannelMix[0].Share:P0} of events)");
        }

        return new DiscoveredPersona(i, size, share, size == 0 ? double.NaN : membership / size, conversion, starts, distinctive, underused, text.ToString(), profile);
    }

    /// <summary>A feature of a persona against everyone, in words a CX reader uses: shares as percentages, money rounded.</summary>
    private static string FeatureText(string name, double persona, double everyone)
    {
        string Share(double x) => x.ToString("P0", CultureInfo.InvariantCulture);
        string About(double x) => Round(x);
        int colon = name.IndexOf(':', StringComparison.Ordinal);
        string subject = colon < 0 ? name : Guard.Clip(name.AsSpan(colon + 1));
        return (colon < 0 ? name : name[..colon]) switch
        {
            "channel" => $"{subject}: {Share(persona)} of events vs {Share(everyone)}",
            "reached" => $"reaches {subject}: {Share(persona)} vs {Share(everyone)}",
            "converted" => $"converts {Share(persona)} vs {Share(everyone)}",
            "value" => $"spends about {About(persona)} vs {About(everyone)} on average",
            "feedback" => string.Create(CultureInfo.InvariantCulture, $"feedback {persona:F1} vs {everyone:F1}"),
            "attribute" => $"{subject} about {About(persona)} vs {About(everyone)}",
            _ => $"{About(persona)} {name} vs {About(everyone)}",
        };

        // Two significant digits, grouped: 2,960 → 3,000; 241.7 → 240; 0.266 → 0.27; 3.04 → 3.
        static string Round(double x)
        {
            if (x == 0 || !double.IsFinite(x))
            {
                return x.ToString(CultureInfo.InvariantCulture);
            }

            int magnitude = (int)Math.Floor(Math.Log10(Math.Abs(x)));
            double rounded = Math.Round(x / Math.Pow(10, magnitude - 1)) * Math.Pow(10, magnitude - 1);
            return magnitude >= 1
                ? rounded.ToString("N0", CultureInfo.InvariantCulture)
                : rounded.ToString("0.##########", CultureInfo.InvariantCulture);
        }
    }

    private static int RowsLeft(JourneySequences data)
    {
        int rows = 0;
        for (int s = 0; s < data.S; s++)
        {
            rows += data.RowStart[s + 1] > data.RowStart[s] ? 1 : 0;
        }

        return rows;
    }
}
