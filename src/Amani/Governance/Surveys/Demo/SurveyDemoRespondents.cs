using System.Globalization;
using System.Xml;
using System.Xml.Linq;

namespace Amani.Governance.Surveys.Demo;

/// <summary>
/// A stratum of a demo round (invented): the prefecture, its population, the clusters reached and respondents per
/// cluster, and the chance that a respondent feels safe walking at night (before the cluster's and the respondent's
/// own variation).
/// </summary>
public sealed record DemoStratum(string Pcode, double Population, int Clusters, int PerCluster, double FeelsSafe);

/// <summary>A demo round: its name, fieldwork dates, the seed its answers are drawn with, and its strata.</summary>
public sealed record DemoRound(string Name, string NameNote, DateOnly Start, DateOnly End, int Seed, IReadOnlyList<DemoStratum> Strata)
{
    public int Respondents => Strata.Sum(s => s.Clusters * s.PerCluster);
}

/// <summary>One invented respondent's filled form, as ODK Collect would send it, and when it arrived.</summary>
public sealed record DemoInstance(string InstanceId, string Xml, DateTime ReceivedAt);

/// <summary>
/// Draws a round's invented respondents — deterministically, from the round's seed — and writes each as the instance
/// ODK Collect sends for the form: the form's primary instance (every node of it, in its order, unanswered ones empty),
/// the root's <c>id</c> and <c>version</c>, <c>meta/instanceID</c> a <c>uuid:</c>. Feeling safe at night depends on the
/// prefecture, varies by cluster and is a little lower for women; the other answers follow it plausibly.
/// </summary>
public static class SurveyDemoRespondents
{
    private static readonly XNamespace Jr = "http://openrosa.org/javarosa", Orx = "http://openrosa.org/xforms";
    private static readonly string[] Threats = ["armed_groups", "theft", "sexual_violence", "land_disputes"];

    /// <summary>The XForm's primary instance (the root element with the form's <c>id</c>).</summary>
    public static XElement Template(string xform)
    {
        using var reader = XmlReader.Create(new StringReader(xform), XFormPaths.Safe);
        var document = XDocument.Load(reader);
        return document.Descendants().First(e => e.Name.LocalName == "instance" && e.Attribute("id") is null).Elements().First();
    }

    /// <param name="subPrefectures">The sub-prefectures' P-codes of each stratum's prefecture: the clusters lie in them in turn.</param>
    public static IEnumerable<DemoInstance> Draw(DemoRound round, XElement template, IReadOnlyDictionary<string, IReadOnlyList<DemoPlace>> subPrefectures)
    {
        var random = new Random(round.Seed);
        var days = round.End.DayNumber - round.Start.DayNumber + 1;
        for (var s = 0; s < round.Strata.Count; s++)
        {
            var stratum = round.Strata[s];
            var places = subPrefectures[stratum.Pcode];
            for (var c = 0; c < stratum.Clusters; c++)
            {
                var clusterEffect = (random.NextDouble() - 0.5) * 0.16;
                // Teams work in parallel across the prefectures; a cluster takes a day, every few days a new one.
                var day = round.Start.AddDays((s + c * 3) % days);
                for (var r = 0; r < stratum.PerCluster; r++)
                {
                    var interviewed = day.ToDateTime(new TimeOnly(7, 0), DateTimeKind.Utc).AddMinutes(random.Next(0, 8 * 60));
                    var place = places[c % places.Count];
                    var answers = Answers(random, stratum, clusterEffect, $"{stratum.Pcode}-{c + 1:00}", place, interviewed, round.Start);
                    var instanceId = "uuid:" + NewGuid(random);
                    answers["meta/instanceID"] = instanceId;
                    var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + Fill(template, answers).ToString(SaveOptions.DisableFormatting);
                    // Sent when the enumerator is back in range of the network, the same evening.
                    yield return new DemoInstance(instanceId, xml, day.ToDateTime(new TimeOnly(17, 0), DateTimeKind.Utc).AddMinutes(random.Next(0, 240)));
                }
            }
        }
    }

    private static Dictionary<string, string> Answers(Random random, DemoStratum stratum, double clusterEffect, string cluster,
        DemoPlace place, DateTime interviewed, DateOnly fieldworkStart)
    {
        // Bangui is UTC+1: ODK Collect writes local times with their offset.
        static string Local(DateTime utc) => utc.AddHours(1).ToString("yyyy-MM-dd'T'HH:mm:ss.fff", CultureInfo.InvariantCulture) + "+01:00";
        var answers = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["start"] = Local(interviewed.AddMinutes(-random.Next(12, 30))),
            ["end"] = Local(interviewed),
        };
        if (random.NextDouble() < 0.02)
        {
            answers[SurveyDemoForm.Consent] = "no"; // a refusal: nothing else is asked
            return answers;
        }
        answers[SurveyDemoForm.Consent] = "yes";
        var female = random.NextDouble() < 0.52;
        var age = 18 + (int)(Math.Pow(random.NextDouble(), 1.6) * 57);
        answers[SurveyDemoForm.Sex] = female ? "female" : "male";
        answers[SurveyDemoForm.Age] = age.ToString(CultureInfo.InvariantCulture);
        answers[SurveyDemoForm.Stratum] = stratum.Pcode;
        answers[SurveyDemoForm.SubPrefecture] = place.Pcode;
        answers[SurveyDemoForm.Cluster] = cluster;

        var chance = Math.Clamp(stratum.FeelsSafe + clusterEffect + (female ? -0.05 : 0.04) + (age >= 50 ? 0.03 : 0), 0.02, 0.98);
        var safe = random.NextDouble() < chance;
        answers[SurveyDemoForm.SafeNight] = safe ? (random.NextDouble() < 0.35 ? "very_safe" : "safe") : (random.NextDouble() < 0.6 ? "unsafe" : "very_unsafe");
        answers["feels_safe"] = safe ? "1" : "0";
        var worries = safe && random.NextDouble() < 0.35
            ? ["none"]
            : Threats.Where((t, i) => random.NextDouble() < (i == 0 ? 0.3 + (1 - stratum.FeelsSafe) * 0.6 : 0.3)).DefaultIfEmpty("theft").ToArray();
        answers["safety/threats"] = string.Join(' ', worries);
        answers["safety/trust_authorities"] = Math.Clamp((int)Math.Round(3 + (safe ? 2.5 : 0) + (random.NextDouble() - 0.5) * 6), 0, 10)
            .ToString(CultureInfo.InvariantCulture);
        if (!safe && random.NextDouble() < 0.45)
            answers["safety/last_incident"] = fieldworkStart.AddDays(-random.Next(1, 300)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        if (place.Latitude is { } latitude && place.Longitude is { } longitude) // near the sub-prefecture's centre, as a phone's GPS gives it
            answers["location"] = string.Create(CultureInfo.InvariantCulture,
                $"{latitude + (random.NextDouble() - 0.5) * 0.1:F6} {longitude + (random.NextDouble() - 0.5) * 0.1:F6} {380 + random.Next(0, 250)}.0 {4 + random.Next(0, 14)}.0");
        return answers;
    }

    /// <summary>The instance: every node of the template, unqualified as ODK Collect writes them, leaves filled from the answers.</summary>
    private static XElement Fill(XElement template, IReadOnlyDictionary<string, string> answers)
    {
        XElement Copy(XElement node, string path) => node.HasElements
            ? new XElement(node.Name.LocalName, node.Elements().Select(child => Copy(child, Join(path, child.Name.LocalName))))
            : new XElement(node.Name.LocalName, answers.GetValueOrDefault(path, ""));
        var root = new XElement(template.Name.LocalName,
            new XAttribute(XNamespace.Xmlns + "jr", Jr.NamespaceName), new XAttribute(XNamespace.Xmlns + "orx", Orx.NamespaceName),
            template.Attributes().Where(a => !a.IsNamespaceDeclaration).Select(a => new XAttribute(a.Name.LocalName, a.Value)));
        root.Add(template.Elements().Select(child => Copy(child, child.Name.LocalName)));
        return root;
    }

    private static string Join(string path, string name) => path.Length == 0 ? name : path + "/" + name;

    /// <summary>A version-4 UUID drawn from the seeded generator (so the demo is the same every time).</summary>
    private static Guid NewGuid(Random random)
    {
        var bytes = new byte[16];
        random.NextBytes(bytes);
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes);
    }
}
