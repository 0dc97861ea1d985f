namespace JourneyKit.Rules;

/// <summary>
/// What a <see cref="JourneyMonitor"/> derives from its rules and map alone — the validated rules, their compiled matcher
/// and the labels the map and the rules put into its label tables, in the order they were interned — built once and
/// shared by every monitor built from the same rules and map. A grain per customer builds a monitor on every
/// activation: building the matcher was most of that, and every customer kept a copy of it. Rules and maps are
/// immutable, so a template is matched by the very rule and map instances; the last one built is kept.
/// </summary>
internal sealed class MonitorTemplate
{
    /// <summary>The bytes of a rule's hash in a monitor snapshot (version 2 on).</summary>
    public const int FingerprintBytes = 16;

    private static MonitorTemplate? s_last;

    // Each rule's JSON, which a snapshot is checked against to refuse a restore with other rules, and its hash: made
    // once per template on first use, not per monitor (a grain per customer builds one on every activation and saves it
    // with every batch). Racing threads make equal arrays; either is kept.
    private string[]? _fingerprints;
    private byte[][]? _fingerprintHashes;

    private MonitorTemplate(JourneyRule[] rules, JourneyMap? map, string paramName)
    {
        Map = map;
        Resolved = ResolvedRules.Resolve(rules, map, paramName);
        Rules = Array.AsReadOnly(Resolved.Rules);
        var touchpoints = new Events.StringTable();
        var channels = new Events.StringTable();
        var stages = new Events.StringTable();
        var mapChannel = new List<int>();
        var mapStage = new List<int>();
        if (map is not null)
        {
            foreach (Stage stage in map.Stages)
            {
                stages.Intern(stage.Id);
            }

            foreach (Channel channel in map.Channels)
            {
                channels.Intern(channel.Id);
            }

            foreach (Touchpoint tp in map.Touchpoints)
            {
                touchpoints.Intern(tp.Id);
                mapChannel.Add(channels.Find(tp.ChannelId));
                mapStage.Add(stages.Find(tp.StageId));
            }
        }

        Matcher = new RuleSetPlan(Resolved.Rules).Bind((kind, label) => kind switch
        {
            ConditionKind.Touchpoint => touchpoints.Intern(label),
            ConditionKind.Stage => stages.Intern(label),
            _ => channels.Intern(label),
        });
        Touchpoints = touchpoints.ToArray();
        Channels = channels.ToArray();
        Stages = stages.ToArray();
        MapChannel = [.. mapChannel];
        MapStage = [.. mapStage];
    }

    /// <summary>Gets the map the labels came from, or <see langword="null"/>.</summary>
    public JourneyMap? Map { get; }

    /// <summary>Gets the validated rules and their specs.</summary>
    public ResolvedRules Resolved { get; }

    /// <summary>Gets the rules, read only: every monitor built from the template hands out this view.</summary>
    public IReadOnlyList<JourneyRule> Rules { get; }

    /// <summary>Gets the matcher, its labels resolved to the ids of <see cref="Touchpoints"/>, <see cref="Channels"/> and <see cref="Stages"/>.</summary>
    public RuleMatcher Matcher { get; }

    /// <summary>Gets the touchpoint labels in id order (the map's, then those only the rules name).</summary>
    public string[] Touchpoints { get; }

    /// <summary>Gets the channel labels in id order.</summary>
    public string[] Channels { get; }

    /// <summary>Gets the stage labels in id order.</summary>
    public string[] Stages { get; }

    /// <summary>Gets the channel id of each of the map's touchpoints (−1 when none), by touchpoint id.</summary>
    public int[] MapChannel { get; }

    /// <summary>Gets the stage id of each of the map's touchpoints (−1 when none), by touchpoint id.</summary>
    public int[] MapStage { get; }

    /// <summary>Gets each rule's JSON (<see cref="RuleSetSerializer.Fingerprint"/>), in rule order.</summary>
    public string[] Fingerprints => _fingerprints ??= [.. Resolved.Rules.Select(RuleSetSerializer.Fingerprint)];

    /// <summary>Gets each rule's hash as a snapshot stores it: the first <see cref="FingerprintBytes"/> of the SHA-256 of its JSON.</summary>
    public byte[][] FingerprintHashes => _fingerprintHashes ??=
        [.. Fingerprints.Select(f => System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(f))[..FingerprintBytes])];

    /// <summary>The template of these rules and this map: the last one built when it was built from the same instances.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="rules"/> is null.</exception>
    /// <exception cref="RuleValidationException">The rules are unsound or do not fit the map.</exception>
    public static MonitorTemplate For(IEnumerable<JourneyRule> rules, JourneyMap? map, string paramName)
    {
        ArgumentNullException.ThrowIfNull(rules, paramName);
        JourneyRule[] list = [.. rules];
        MonitorTemplate? last = Volatile.Read(ref s_last);
        if (last is not null && last.IsFor(list, map))
        {
            return last;
        }

        var built = new MonitorTemplate(list, map, paramName);
        Volatile.Write(ref s_last, built);
        return built;
    }

    private bool IsFor(JourneyRule[] rules, JourneyMap? map)
    {
        JourneyRule[] mine = Resolved.Rules;
        if (!ReferenceEquals(map, Map) || rules.Length != mine.Length)
        {
            return false;
        }

        for (int r = 0; r < rules.Length; r++)
        {
            if (!ReferenceEquals(rules[r], mine[r]))
            {
                return false;
            }
        }

        return true;
    }
}
