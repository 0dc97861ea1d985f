namespace JourneyKit.Tests;

/// <summary>A small, realistic hand-written map used by example-based tests.</summary>
public static class SampleMaps
{
    public static JourneyMapBuilder ECommerceBuilder() =>
        JourneyMap.CreateBuilder("online-shop", "Online shop purchase")
            .WithDescription("First purchase of a new customer")
            .AddPersona("maya", "Maya, busy parent", segment: "families", goals: ["Buy school shoes fast"])
            .AddStages(JourneyTemplates.FiveStage)
            .AddChannel("web", "Website", ChannelKind.Web)
            .AddChannel("email", "E-mail", ChannelKind.Email)
            .AddChannel("support", "Call centre", ChannelKind.Phone)
            .AddTouchpoint("ad", "Social ad", "awareness", "web", emotion: Emotion.From(0.5))
            .AddTouchpoint("compare", "Product comparison", "consideration", "web", emotion: Emotion.From(-0.5, "unsure"))
            .AddTouchpoint("checkout", "Checkout", "purchase", "web", isMomentOfTruth: true, emotion: Emotion.From(-1.5, "frustrated"))
            .AddTouchpoint("confirmation", "Order confirmation", "purchase", "email", emotion: Emotion.From(1))
            .AddTouchpoint("fulfilment", "Warehouse picking", "retention", "web", lane: Lane.Backstage)
            .AddTouchpoint("review", "Review request", "advocacy", "email", emotion: Emotion.From(0.5))
            .AddPainPoint("no-guest-checkout", "Account required to pay", touchpointId: "checkout", severity: Severity.High)
            .AddPainPoint("slow-answers", "Slow support answers", stageId: "retention", severity: Severity.Medium)
            .AddOpportunity("guest-checkout", "Offer guest checkout", ["no-guest-checkout"], Magnitude.High, Magnitude.Low);

    public static JourneyMap ECommerce() => ECommerceBuilder().Build();
}
