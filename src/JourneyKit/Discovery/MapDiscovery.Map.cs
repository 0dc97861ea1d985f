using System.Globalization;
using JourneyKit.Events;
using JourneyKit.Personas;

namespace JourneyKit.Discovery;

public static partial class MapDiscovery
{
    private static JourneyMap BuildMap(EventLog log, MapDiscoveryOptions options, TouchpointTally t, List<DiscoveredStage> stages,
        List<TouchpointEvidence> evidence, List<DiscoveredPainPoint> painPoints, (double Minimum, double Maximum)? scale, double forwardShare, CancellationToken cancellationToken)
    {
        var builder = JourneyMap.CreateBuilder(options.MapId, options.MapName)
            .WithState(JourneyMapState.Current)
            .WithDescription(string.Create(CultureInfo.InvariantCulture,
                $"Discovered from {log.EventCount:N0} events of {t.TotalJourneys:N0} journeys by JourneyKit: a draft to edit and commit as the designed map. {forwardShare:P1} of the steps stay in their stage or move forward."))
            .WithMetadata("discovery.forwardShare", forwardShare.ToString("R", CultureInfo.InvariantCulture));
        if (scale is { } s)
        {
            builder.WithMetadata("discovery.feedbackScale", string.Create(CultureInfo.InvariantCulture, $"{s.Minimum}-{s.Maximum}, mapped linearly to the emotion scale -2..+2"));
        }

        foreach (var stage in stages)
        {
            builder.AddStage(stage.Id, stage.Name,
                description: string.Create(CultureInfo.InvariantCulture, $"Touchpoints: {string.Join(", ", stage.Touchpoints)}. Typically reached at step {stage.TypicalStep:0.0}; {stage.Events:N0} events."));
        }

        string unassigned = "unassigned";
        while (log.ChannelNames.Contains(unassigned))
        {
            unassigned += "-";
        }

        foreach (string channel in log.ChannelNames.Order(StringComparer.Ordinal))
        {
            builder.AddChannel(channel, channel, Enum.TryParse(channel, ignoreCase: true, out ChannelKind kind) && Enum.IsDefined(kind) ? kind : ChannelKind.Other);
        }

        if (evidence.Any(e => e.ChannelMix.Count == 0 || e.ChannelMix[0].Channel == "(unknown)"))
        {
            builder.AddChannel(unassigned, "Unassigned (no channel in the log)", ChannelKind.Other);
        }

        var moments = evidence.Where(e => e.ConversionLift > 0 && e.Journeys >= options.MinimumEvidence)
            .OrderByDescending(e => e.ConversionLift).ThenBy(e => e.Touchpoint, StringComparer.Ordinal).Take(options.MomentsOfTruth).Select(e => e.Touchpoint).ToHashSet(StringComparer.Ordinal);
        // Map order (stage, then most events), so the draft does not depend on the order customers arrive in.
        var byLabel = evidence.ToDictionary(e => e.Touchpoint, StringComparer.Ordinal);
        foreach (var e in stages.SelectMany(s => s.Touchpoints).Select(label => byLabel[label]))
        {
            string channel = e.ChannelMix.Count == 0 || e.ChannelMix[0].Channel == "(unknown)" ? unassigned : e.ChannelMix[0].Channel;
            Emotion? emotion = null;
            if (scale is { } sc && e.Ratings > 0)
            {
                double value = Emotion.FromScale(e.MeanRating, sc.Minimum, sc.Maximum).Value;
                emotion = Emotion.From(value, EmotionLabel(value));
            }

            builder.AddTouchpoint(e.Touchpoint, e.Touchpoint, e.StageId, channel, TouchpointDescription(e), isMomentOfTruth: moments.Contains(e.Touchpoint), emotion: emotion);
            if (e.ChannelMix.Count > 1)
            {
                builder.WithMetadata("channelMix:" + e.Touchpoint, string.Join(", ", e.ChannelMix.Select(m => string.Create(CultureInfo.InvariantCulture, $"{m.Channel} {m.Share:P0}"))));
            }
        }

        foreach (var p in painPoints)
        {
            builder.AddPainPoint(p.Id, p.Description, p.StageId, p.Touchpoint, p.Severity, p.Category, p.Lines);
        }

        if (options.Personas is { } personaOptions)
        {
            var personas = PersonaDiscovery.MarkovMixture(log, personaOptions, cancellationToken);
            foreach (var persona in personas.Personas)
            {
                builder.AddPersona(string.Create(CultureInfo.InvariantCulture, $"persona-{persona.Index + 1}"), string.Create(CultureInfo.InvariantCulture, $"Persona {persona.Index + 1}"), persona.Description,
                    segment: string.Create(CultureInfo.InvariantCulture, $"{persona.Size:N0} customers"));
            }
        }

        return builder.Build();
    }

    private static string TouchpointDescription(TouchpointEvidence e) =>
        string.Create(CultureInfo.InvariantCulture,
            $"{e.Journeys:N0} journeys reach it (first at step {e.FirstStep:0.0}); {e.ConversionRate:P0} of them convert ({e.ConversionLift:+0.0%;-0.0%;0.0%} against all); {e.ExitShare:P0} end here without converting.") +
        (e.Ratings > 0 ? string.Create(CultureInfo.InvariantCulture, $" Mean rating {e.MeanRating:0.0} over {e.Ratings:N0} ratings.") : "") +
        (e.Clustered ? "" : " Joined its stage by typical step (beyond MaxClusteredTouchpoints).");
}
