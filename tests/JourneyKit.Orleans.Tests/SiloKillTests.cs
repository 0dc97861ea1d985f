namespace JourneyKit.Orleans.Tests;

/// <summary>
/// A silo killed mid-stream (not a graceful stop) on a real three-silo cluster: its grains reactivate elsewhere from
/// storage, and after the stream ends and the watermark passes, the firings — de-duplicated by id — are exactly the
/// uninterrupted single process's.
/// </summary>
[Collection(SlowWriteClusterGroup.Name)]
public sealed class SiloKillTests(SlowWriteClusterFixture fixture)
{
    [Fact]
    public async Task ASiloKilledMidStream_LosesAndDuplicatesNothingAfterDeduplication()
    {
        var (chunks, ends) = TestStreams.Stream("k", seed: 2);
        var expected = TestStreams.SingleProcess(chunks, ends);
        var ingest = new JourneyIngest(fixture.Cluster.Client, "ingest-k");
        global::Orleans.TestingHost.SiloHandle? killed = null;
        for (int i = 0; i < chunks.Count; i++)
        {
            if (i == chunks.Count / 2)
            {
                // Not a graceful stop: the silo's activations and memory are gone; grains reactivate elsewhere from storage.
                // Customers live on their shard's silo, and shards are placed by Orleans: the secondary silo holding
                // the most customers is killed (a silo holding none would take nothing with it).
                var stats = await fixture.Cluster.Client.GetGrain<IManagementGrain>(0).GetSimpleGrainStatistics();
                int Customers(global::Orleans.TestingHost.SiloHandle silo) => stats
                    .Where(x => x.SiloAddress.Equals(silo.SiloAddress) && x.GrainType.Contains(nameof(JourneyGrain), StringComparison.Ordinal))
                    .Sum(x => x.ActivationCount);
                killed = fixture.Cluster.SecondarySilos.MaxBy(Customers)!;
                Assert.True(Customers(killed) > 0, "no secondary silo holds a customer grain: " + string.Join("; ", stats.Select(x => $"{x.GrainType}@{x.SiloAddress}={x.ActivationCount}")));
                await fixture.Cluster.KillSiloAsync(killed);
            }

            await ingest.SendAsync(chunks[i]);
            await ingest.AdvanceToAsync(ends[i]);
        }

        await ingest.AdvanceToAsync(ends[^1].AddDays(30));
        Assert.NotEmpty(expected);
        Assert.Equal(expected.OrderBy(f => f.Id), TestStreams.Delivered("k").OrderBy(f => f.Id));

        // The grains of the killed silo had applied advances they had not written (this cluster writes them only with
        // batches): their next activations derived them again, offering some firings a second time — same ids.
        Assert.True(CollectingSink.DeliveriesOf("k") > expected.Count, $"{CollectingSink.DeliveriesOf("k")} deliveries of {expected.Count} firings: the kill took no unwritten advance with it");

        // The kill was real: grains that lived on the dead silo were reactivated from storage elsewhere, with every
        // customer's episodes closed and nothing left buffered.
        Assert.NotNull(killed);
        Assert.DoesNotContain(fixture.Cluster.Silos, s => ReferenceEquals(s, killed));
        foreach (string customer in ingest.Customers)
        {
            var status = await fixture.Cluster.Client.GetGrain<IJourneyGrain>(customer).StatusAsync();
            Assert.Equal((0, 0L), (status.BufferedEvents, status.LateEvents));
        }
    }
}
