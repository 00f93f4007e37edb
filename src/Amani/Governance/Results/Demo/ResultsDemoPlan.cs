using Amani.Governance.Results.Plans;
using Amani.Platform.Access;
using static Amani.Governance.Results.IndicatorDirection;
using static Amani.Governance.Results.IndicatorFrequency;
using static Amani.Governance.Results.IndicatorType;

namespace Amani.Governance.Results.Demo;

/// <summary>A node of the demo plan's tree above the indicators: its code, level, parent's code and name.</summary>
internal sealed record DemoNode(string Code, PlanLevel Level, string? Parent, string Name, string? Description = null);

/// <summary>An entered value of the demo (invented): a total, with its female part when split by sex, or a numerator over a denominator.</summary>
internal sealed record DemoValue(string Period, double Value, double? Female = null, double? Denominator = null);

/// <summary>
/// A demo indicator: where it sits in the tree, its definition, its owner's role, and either the measure it is computed
/// from or its invented values; its baseline (period and value; for a computed one, null: taken from its real values of
/// 2020) and its target for the plan's last period (for a computed one, a factor of the baseline).
/// </summary>
internal sealed record DemoIndicator(string Parent, string Code, string Name, string NameFr, string Definition, string Unit, IndicatorType Type,
    IndicatorDirection Direction, IndicatorFrequency Frequency, Role Owner, string DataSource)
{
    public int? AreaLevel { get; init; }
    public bool BySex { get; init; }
    public bool Public { get; init; }
    public bool ReportedByPartner { get; init; }
    public MeasureChoice? Measure { get; init; }
    /// <summary>The year of a computed indicator's baseline: 2020, before the plan, unless its source starts later (the perception survey: 2021).</summary>
    public int BaselineYear { get; init; } = 2020;
    public (string Period, double Value)? Baseline { get; init; }
    public double Target { get; init; }
    public IReadOnlyList<DemoValue> Values { get; init; } = [];
}

/// <summary>
/// The demo mission's results plan for 2021–2022 — the last years of the shipped UCDP GED events, so that its computed
/// indicators are judged on real data — modelled on MINUSCA's mandate (S/RES/2552 (2020), 2605 (2021); the paragraphs
/// cited are those of 2709 (2023), which keeps the priorities):
/// protection of civilians; good offices and support to the peace process (the 2019 Political Agreement for Peace and
/// Reconciliation, APPR-RCA, and the Luanda Joint Roadmap); the extension of State authority and local governance;
/// human rights and justice (the Special Criminal Court); DDR and security sector reform; humanitarian access. The
/// tree and the entered figures are invented for the demo; the computed indicators count the real UCDP GED events.
/// </summary>
internal static class ResultsDemoPlan
{
    public const string Title = "MINUSCA results framework 2021–2022 (demo)";
    public static readonly DateOnly StartsOn = new(2021, 1, 1), EndsOn = new(2022, 12, 31);
    public const string Invented = "Invented for the demo";
    private const string Ged = "UCDP GED events in the incident register (the demo's events end in December 2022)";

    public static IReadOnlyList<DemoNode> Nodes { get; } =
    [
        new("P1", PlanLevel.Priority, null, "Protection of civilians", "Mandate priority task (S/RES/2709 (2023), para. 35 (a))."),
        new("O1.1", PlanLevel.Objective, "P1", "Civilians are protected from the threat of physical violence"),
        new("OC1.1.1", PlanLevel.Outcome, "O1.1", "Fewer civilians are killed and fewer attacks on civilians take place"),
        new("OP1.1.1", PlanLevel.Output, "O1.1", "Early warning, community engagement and timely response"),
        new("P2", PlanLevel.Priority, null, "Support to the peace process and political dialogue", "Good offices; the APPR-RCA and the Luanda Joint Roadmap."),
        new("O2.1", PlanLevel.Objective, "P2", "Local conflicts are resolved through dialogue"),
        new("OC2.1.1", PlanLevel.Outcome, "O2.1", "Local peace committees function, with women among their members"),
        new("P3", PlanLevel.Priority, null, "Extension of State authority and local governance"),
        new("O3.1", PlanLevel.Objective, "P3", "The State administration functions in the prefectures"),
        new("OC3.1.1", PlanLevel.Outcome, "O3.1", "Prefectoral authorities govern security with the communities"),
        new("OP3.1.1", PlanLevel.Output, "O3.1", "Local officials are trained in public administration"),
        new("P4", PlanLevel.Priority, null, "Human rights and justice"),
        new("O4.1", PlanLevel.Objective, "P4", "Violations are documented and their perpetrators held to account"),
        new("OC4.1.1", PlanLevel.Outcome, "O4.1", "National and special courts try serious crimes"),
        new("P5", PlanLevel.Priority, null, "Disarmament, demobilization, reintegration and security sector reform"),
        new("O5.1", PlanLevel.Objective, "P5", "Members of armed groups leave them and return to civilian life"),
        new("O5.2", PlanLevel.Objective, "P5", "Accountable defence and internal security forces deploy across the country"),
        new("P6", PlanLevel.Priority, null, "Humanitarian access"),
        new("O6.1", PlanLevel.Objective, "P6", "Humanitarian actors reach people in need safely and without hindrance"),
    ];

    private static MeasureChoice Incidents(string what, params string[] categories) => new($"incidents.{what}", null, categories.Length == 0 ? null : categories);

    public static IReadOnlyList<DemoIndicator> Indicators { get; } =
    [
        // Computed from the real GED events: no value is typed; targets are set against the real 2020 baseline.
        new("OC1.1.1", "POC-CIVFAT", "Civilians killed in armed violence, by prefecture", "Civils tués dans les violences armées, par préfecture",
            "Civilian deaths (best estimate) of the incidents of the quarter, by prefecture.", "deaths", Sum, LowerIsBetter, Quarterly, Role.PlanningOfficer, Ged)
            { AreaLevel = 1, Measure = Incidents("civilian-fatalities"), Target = 0.5 },
        new("OC1.1.1", "POC-INCIDENTS", "Security incidents recorded", "Incidents sécuritaires enregistrés",
            "Incidents of the month in the whole mission area, every category.", "incidents", Count, LowerIsBetter, Monthly, Role.Analyst, Ged)
            { Measure = Incidents("count"), Target = 0.6 },
        new("OC1.1.1", "POC-FATALITIES", "People killed in armed violence, by prefecture", "Personnes tuées dans les violences armées, par préfecture",
            "Deaths (best estimate) of the year's incidents, combatants and civilians, by prefecture.", "deaths", Sum, LowerIsBetter, Yearly, Role.Analyst, Ged)
            { AreaLevel = 1, Measure = Incidents("fatalities"), Target = 0.5 },
        new("OC1.1.1", "POC-ATTACKS-PUBLIC", "Attacks on civilians (public figure)", "Attaques contre des civils (chiffre public)",
            "Public incidents of violence against civilians in the quarter, by prefecture; published with small numbers suppressed.", "incidents", Count,
            LowerIsBetter, Quarterly, Role.PlanningOfficer, Ged)
            { AreaLevel = 1, Public = true, Measure = Incidents("count", "violence-against-civilians.attack"), Target = 0.5 },
        new("OC1.1.1", "POC-CLASHES", "Armed clashes", "Affrontements armés",
            "Incidents of armed clashes in the quarter, whole mission area.", "incidents", Count, LowerIsBetter, Quarterly, Role.Analyst, Ged)
            { Measure = Incidents("count", "battles.armed-clash"), Target = 0.5 },
        new("OP1.1.1", "POC-FOLLOWUPS-ONTIME", "Follow-ups done on time", "Suivis faits dans les délais",
            "Share of the mission's follow-ups (alert responses, commitments, tasks) due in the quarter that were done by their due date.", "%",
            Percentage, HigherIsBetter, Quarterly, Role.DutyOfficer, "Follow-ups in Amani") { Measure = new("follow-ups.done-on-time", null, null), Target = 90 },
        // Computed from the demo's perception survey (invented respondents, see Surveys/Demo): named by its measure key only.
        new("OC1.1.1", "POC-SAFE-NIGHT", "People who feel safe walking at night, by prefecture (perception survey)",
            "Personnes qui se sentent en sécurité en marchant la nuit, par préfecture (enquête de perception)",
            "Weighted share of the perception survey's respondents who feel very or rather safe walking in their neighbourhood at night, with its 95 % interval; the year is that of the round's fieldwork.",
            "%", Percentage, HigherIsBetter, Yearly, Role.Analyst, "MINUSCA perception survey (demo, invented respondents)")
            { AreaLevel = 1, Measure = new("surveys.feel-safe-at-night", null, null), BaselineYear = 2021, Target = 55 },

        // Entered: invented values for 2021–2022, invented baselines and targets.
        new("OP1.1.1", "POC-CAN", "Functioning community alert networks", "Réseaux d'alerte communautaire fonctionnels",
            "Community alert networks that passed at least one alert to the mission in the year.", "networks", Count, HigherIsBetter, Yearly,
            Role.FieldOfficer, "Civil Affairs field reports") { ReportedByPartner = true, Baseline = ("2020", 60), Target = 100, Values = [new("2021", 68), new("2022", 75)] },
        new("OC2.1.1", "POL-LPC", "Local peace and reconciliation committees supported", "Comités locaux de paix et de réconciliation appuyés",
            "Committees that received the mission's technical or logistic support in the year.", "committees", Count, HigherIsBetter, Yearly,
            Role.PlanningOfficer, "Civil Affairs") { Baseline = ("2020", 32), Target = 60, Values = [new("2021", 38), new("2022", 45)] },
        new("OC2.1.1", "POL-LPC-WOMEN", "Women among members of local peace committees", "Femmes parmi les membres des comités locaux de paix",
            "Women members ÷ members of the committees supported, at the end of the year.", "%", Percentage, HigherIsBetter, Yearly,
            Role.PlanningOfficer, "Civil Affairs; Gender Unit") { Baseline = ("2020", 18), Target = 35, Values = [new("2021", 131, Denominator: 612), new("2022", 178, Denominator: 735)] },
        new("OC2.1.1", "POL-DIALOGUE", "Local dialogues concluded with an agreement", "Dialogues locaux conclus par un accord",
            "Local mediation or dialogue processes supported by the mission that ended with a signed agreement in the year.", "agreements", Count,
            HigherIsBetter, Yearly, Role.PlanningOfficer, "Political Affairs") { Baseline = ("2020", 9), Target = 20, Values = [new("2021", 12), new("2022", 15)] },
        new("OC3.1.1", "SA-PSC", "Prefectures with a functioning prefectoral security committee", "Préfectures dotées d'un comité préfectoral de sécurité fonctionnel",
            "Prefectures (of 16, Bangui apart) whose security committee met at least twice in the quarter ÷ 16.", "%", Percentage, HigherIsBetter, Quarterly,
            Role.PlanningOfficer, "Civil Affairs; prefectures") { Baseline = ("2020Q4", 37.5), Target = 87.5, Values = Quarters2021To2022(16, 7, 7, 8, 8, 9, 10, 10, 11) },
        new("OC3.1.1", "SA-SUBPREF", "Sub-prefects present at their duty station", "Sous-préfets présents à leur poste",
            "Sub-prefectures (of 71) whose sub-prefect was at post at the end of the year ÷ 71.", "%", Percentage, HigherIsBetter, Yearly,
            Role.FieldOfficer, "Civil Affairs; Ministry of Territorial Administration") { Baseline = ("2020", 58), Target = 90, Values = [new("2021", 46, Denominator: 71), new("2022", 51, Denominator: 71)] },
        new("OP3.1.1", "SA-TRAINED", "Local officials trained in public administration", "Agents locaux formés à l'administration publique",
            "Prefectoral and municipal officials who completed a mission-supported training in the year, by sex.", "people", Count, HigherIsBetter, Yearly,
            Role.PlanningOfficer, "Civil Affairs training records") { BySex = true, Baseline = ("2020", 180), Target = 400, Values = [new("2021", 240, 52), new("2022", 310, 81)] },
        new("O4.1", "HR-VIOLATIONS", "Human rights violations and abuses documented", "Violations et atteintes aux droits de l'homme documentées",
            "Violations and abuses verified by the Human Rights Division in the quarter.", "violations", Count, LowerIsBetter, Quarterly,
            Role.Analyst, "Human Rights Division") { Baseline = ("2020Q4", 380), Target = 200, Values = Quarters2021To2022(null, 520, 610, 450, 400, 380, 410, 350, 330) },
        new("O4.1", "HR-CRSV-REFERRED", "Survivors of conflict-related sexual violence referred to services", "Survivants de violences sexuelles liées aux conflits orientés vers des services",
            "Survivors referred to medical, psychosocial or legal services ÷ survivors identified, in the year.", "%", Percentage, HigherIsBetter, Yearly,
            Role.Analyst, "Women Protection Advisers") { Baseline = ("2020", 65), Target = 90, Values = [new("2021", 410, Denominator: 560), new("2022", 520, Denominator: 640)] },
        new("OC4.1.1", "JUS-SCC", "Cases tried by the Special Criminal Court", "Affaires jugées par la Cour pénale spéciale",
            "Cases in which the Special Criminal Court delivered a judgment in the year.", "cases", Count, HigherIsBetter, Yearly,
            Role.PlanningOfficer, "Justice and Corrections") { Baseline = ("2020", 0), Target = 6, Values = [new("2021", 0), new("2022", 1)] },
        new("OC4.1.1", "JUS-SESSIONS", "Criminal sessions held by the courts of appeal", "Sessions criminelles tenues par les cours d'appel",
            "Criminal sessions of the courts of appeal of Bangui, Bouar and Bambari held in the year.", "sessions", Count, HigherIsBetter, Yearly,
            Role.PlanningOfficer, "Justice and Corrections") { Baseline = ("2020", 2), Target = 6, Values = [new("2021", 3), new("2022", 4)] },
        new("O5.1", "DDR-DEMOBILIZED", "Combatants disarmed and demobilized", "Combattants désarmés et démobilisés",
            "Members of APPR-RCA signatory armed groups disarmed and demobilized by the national programme in the year, by sex.", "people", Count,
            HigherIsBetter, Yearly, Role.PlanningOfficer, "DDR Section; UNDDR programme") { BySex = true, Baseline = ("2020", 420), Target = 1500, Values = [new("2021", 1050, 95), new("2022", 640, 60)] },
        new("O5.1", "DDR-WEAPONS", "Weapons collected", "Armes collectées",
            "Weapons handed in during disarmament operations in the year.", "weapons", Count, HigherIsBetter, Yearly,
            Role.PlanningOfficer, "DDR Section") { Baseline = ("2020", 300), Target = 1200, Values = [new("2021", 820), new("2022", 510)] },
        new("O5.1", "DDR-CVR", "Beneficiaries of community violence reduction projects", "Bénéficiaires des projets de réduction de la violence communautaire",
            "People enrolled in community violence reduction projects in the year, by sex.", "people", Count, HigherIsBetter, Yearly,
            Role.FieldOfficer, "DDR Section; implementing partners") { BySex = true, ReportedByPartner = true, Baseline = ("2020", 2500), Target = 5000, Values = [new("2021", 3200, 1350), new("2022", 4100, 1800)] },
        new("O5.2", "SSR-TRAINED", "Defence and security personnel trained in human rights and humanitarian law", "Personnels de défense et de sécurité formés aux droits de l'homme et au droit humanitaire",
            "FACA, police and gendarmerie personnel who completed a training in the year, by sex.", "people", Count, HigherIsBetter, Yearly,
            Role.PlanningOfficer, "SSR Unit; Human Rights Division") { BySex = true, Baseline = ("2020", 1400), Target = 3000, Values = [new("2021", 1850, 170), new("2022", 2300, 240)] },
        new("O5.2", "SSR-ISF-DEPLOYED", "Internal security forces deployed outside Bangui", "Forces de sécurité intérieure déployées hors de Bangui",
            "Police and gendarmerie personnel on duty outside Bangui at the end of the year.", "people", Count, HigherIsBetter, Yearly,
            Role.PlanningOfficer, "UN Police") { Baseline = ("2020", 1100), Target = 3000, Values = [new("2021", 1400), new("2022", 1750)] },
        new("O6.1", "HUM-CONVOYS", "Escorted humanitarian convoys completed without incident", "Convois humanitaires escortés sans incident",
            "Convoys escorted by the force that reached their destination without a security incident ÷ convoys escorted, in the quarter.", "%",
            Percentage, HigherIsBetter, Quarterly, Role.DutyOfficer, "Joint Operations Centre") { Baseline = ("2020Q4", 85), Target = 95,
            Values = [new("2021Q1", 38, Denominator: 46), new("2021Q2", 44, Denominator: 51), new("2021Q3", 40, Denominator: 45), new("2021Q4", 47, Denominator: 52),
                new("2022Q1", 45, Denominator: 49), new("2022Q2", 50, Denominator: 54), new("2022Q3", 43, Denominator: 47), new("2022Q4", 52, Denominator: 55)] },
        new("O6.1", "HUM-ACCESS", "Incidents restricting humanitarian access", "Incidents entravant l'accès humanitaire",
            "Access incidents affecting humanitarian workers recorded by OCHA in the quarter.", "incidents", Count, LowerIsBetter, Quarterly,
            Role.Analyst, "OCHA access monitoring") { Baseline = ("2020Q4", 105), Target = 50, Values = Quarters2021To2022(null, 110, 98, 105, 90, 82, 75, 80, 70) },
        new("O6.1", "HUM-ROADS", "Main supply routes rehabilitated", "Axes routiers principaux réhabilités",
            "Kilometres of main supply routes rehabilitated by the mission's engineers in the year.", "km", Sum, HigherIsBetter, Yearly,
            Role.PlanningOfficer, "Engineering Section") { Baseline = ("2020", 220), Target = 600, Values = [new("2021", 310), new("2022", 425)] },
    ];

    /// <summary>The eight quarters of 2021–2022: counts, or numerators over <paramref name="denominator"/>.</summary>
    private static DemoValue[] Quarters2021To2022(double? denominator, params double[] values) =>
        values.Select((v, i) => new DemoValue($"{2021 + i / 4}Q{i % 4 + 1}", v, Denominator: denominator)).ToArray();
}
