namespace JourneyKit.Identity;

/// <summary>Buying-group views of account-level journeys: who engaged in which stage, where the decision maker was absent, how long the group took to engage.</summary>
public static class BuyingGroupAnalysis
{
    /// <summary>Analyses account-level journeys made by <see cref="AccountDirectory.ToAccountLog"/>.</summary>
    /// <param name="accounts">The account-level log; each event's actor is the person who did it.</param>
    /// <param name="cancellationToken">Cancels the analysis.</param>
    /// <returns>Engagement per account and stage, and per stage across accounts. Events without a stage count for the account, not for a stage.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="accounts"/> is null.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static BuyingGroupReport Analyze(AccountLog accounts, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(accounts);
        cancellationToken.ThrowIfCancellationRequested();
        var log = accounts.Log;
        var directory = accounts.Directory;
        int stageCount = log.StageNames.Count;
        var reached = new int[stageCount];
        var withoutDecisionMaker = new int[stageCount];
        var participantsSum = new long[stageCount];
        var rolesByStage = new Dictionary<string, int>[stageCount];
        var result = new List<AccountEngagement>(log.CustomerCount);
        var actorIds = log.ActorIds;
        for (int c = 0; c < log.CustomerCount; c++)
        {
            if ((c & 4095) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            string account = log.CustomerIds[c];
            var roleOf = directory.MembersOf(account).ToDictionary(m => m.PersonId, m => m.Role, StringComparer.Ordinal);
            var firstOf = new Dictionary<string, long>(StringComparer.Ordinal);
            var order = new List<string>();
            var ordinal = new Dictionary<string, int>(StringComparer.Ordinal);
            var stageFirst = new Dictionary<(int Stage, string Person), long>();
            int start = log.CustomerOffsets[c], end = log.CustomerOffsets[c + 1];
            for (int k = start; k < end; k++)
            {
                string person = actorIds.IsEmpty || actorIds[k] < 0 ? account : log.ActorNames[actorIds[k]];
                if (firstOf.TryAdd(person, log.UtcTicks[k]))
                {
                    ordinal[person] = order.Count;
                    order.Add(person);
                }

                if (log.StageIds[k] >= 0)
                {
                    stageFirst.TryAdd((log.StageIds[k], person), log.UtcTicks[k]);
                }
            }

            string? Role(string person) => roleOf.GetValueOrDefault(person);
            var stages = new List<StageEngagement>();
            var absent = new List<string>();
            foreach (var group in stageFirst.GroupBy(kv => kv.Key.Stage).OrderBy(g => g.Key))
            {
                int s = group.Key;
                var people = group.OrderBy(kv => kv.Value).ThenBy(kv => ordinal[kv.Key.Person]).ToList();
                var roles = people.Select(p => Role(p.Key.Person)).OfType<string>().Distinct(StringComparer.OrdinalIgnoreCase).ToList();
                bool decisionMaker = people.Any(p => directory.IsDecisionMaker(Role(p.Key.Person)));
                stages.Add(new StageEngagement(log.StageNames[s], people.Count, roles, decisionMaker,
                    new DateTimeOffset(people[0].Value, TimeSpan.Zero), TimeSpan.FromTicks(people[^1].Value - people[0].Value)));
                reached[s]++;
                participantsSum[s] += people.Count;
                if (!decisionMaker)
                {
                    withoutDecisionMaker[s]++;
                    absent.Add(log.StageNames[s]);
                }

                var byRole = rolesByStage[s] ??= new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
                foreach (string role in roles)
                {
                    byRole[role] = byRole.GetValueOrDefault(role) + 1;
                }
            }

            if (order.Count == 0)
            {
                continue;
            }

            var engagedRoles = order.Select(Role).OfType<string>().Distinct(StringComparer.OrdinalIgnoreCase).ToList();
            result.Add(new AccountEngagement(
                account,
                directory.MembersOf(account).Count,
                order.Count,
                engagedRoles,
                order.Any(p => directory.IsDecisionMaker(Role(p))),
                new DateTimeOffset(firstOf[order[0]], TimeSpan.Zero),
                new DateTimeOffset(firstOf[order[^1]], TimeSpan.Zero),
                stages,
                absent));
        }

        var summaries = Enumerable.Range(0, stageCount)
            .Where(s => reached[s] > 0)
            .Select(s => new StageEngagementSummary(log.StageNames[s], reached[s], withoutDecisionMaker[s], (double)participantsSum[s] / reached[s],
                (IReadOnlyDictionary<string, int>)rolesByStage[s] ?? new Dictionary<string, int>()))
            .ToList();
        return new BuyingGroupReport(result, summaries);
    }
}
