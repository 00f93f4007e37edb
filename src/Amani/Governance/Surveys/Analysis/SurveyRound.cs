namespace Amani.Governance.Surveys.Analysis;

/// <summary>What to do with a stratum where only one cluster (PSU) was sampled: its variance cannot be estimated.</summary>
public enum LonelyPsu
{
    /// <summary>
    /// Keep the round and centre the lonely PSU's total at the grand mean of the PSU totals — 0 for a linearised ratio —
    /// so the stratum adds the square of its PSU total to the variance (R survey's <c>survey.lonely.psu = "adjust"</c>).
    /// </summary>
    Adjust,

    /// <summary>Refuse the round, naming each such stratum (merge it with a neighbour before analysing).</summary>
    Refuse,
}

/// <summary>The shape of a round's design: respondents, strata, clusters, degrees of freedom (clusters − strata).</summary>
public sealed record DesignSummary(int Respondents, int Strata, int Clusters, int DegreesOfFreedom, IReadOnlyList<string> SinglePsuStrata);

/// <summary>
/// A survey round ready for analysis: its respondents' design (stratum, cluster, weight), domains and answers held in
/// arrays, one column per question — built once, then analysed in a few passes (<see cref="SurveyEstimator"/>).
/// Clusters are nested in strata: cluster "7" of stratum A and cluster "7" of stratum B are two clusters.
/// </summary>
public sealed class SurveyRound
{
    /// <summary>A select_multiple answer keeps its choices as bits 0–62 and this bit for "answered" (0 = missing).</summary>
    internal const ulong AnsweredBit = 1UL << 63;

    /// <summary>At most this many choices in a select_multiple question.</summary>
    public const int MaxSelectMultipleChoices = 63;

    private SurveyRound(string name, IReadOnlyList<AnalysisQuestion> questions, IReadOnlyList<string> domainVariables,
        double[] weights, int[] psuOf, int[] stratumOfPsu, int[] psusInStratum, string[] strata, DomainColumn[] domains,
        QuestionColumn[] columns, DesignSummary design)
    {
        Name = name;
        Questions = questions;
        DomainVariables = domainVariables;
        Weights = weights;
        PsuOf = psuOf;
        StratumOfPsu = stratumOfPsu;
        PsusInStratum = psusInStratum;
        Strata = strata;
        Domains = domains;
        Columns = columns;
        Design = design;
    }

    public string Name { get; }

    public IReadOnlyList<AnalysisQuestion> Questions { get; }

    public IReadOnlyList<string> DomainVariables { get; }

    public DesignSummary Design { get; }

    internal int Count => Weights.Length;

    internal double[] Weights { get; }

    /// <summary>Each respondent's PSU; PSUs are numbered stratum after stratum.</summary>
    internal int[] PsuOf { get; }

    internal int[] StratumOfPsu { get; }

    internal int[] PsusInStratum { get; }

    internal string[] Strata { get; }

    internal DomainColumn[] Domains { get; }

    internal QuestionColumn[] Columns { get; }

    public static AnalysisOutcome<SurveyRound> Create(string name, IReadOnlyList<AnalysisQuestion> questions,
        IReadOnlyList<string> domainVariables, IReadOnlyList<Respondent> respondents, LonelyPsu lonelyPsu = LonelyPsu.Adjust)
    {
        var problems = new List<AnalysisProblem>();
        void Problem(string field, string message)
        {
            if (problems.Count < AnalysisOutcome<SurveyRound>.MaxProblems)
                problems.Add(new(field, message));
        }

        var questionIndex = CheckQuestions(questions, Problem);
        var domainIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var d = 0; d < domainVariables.Count; d++)
            if (string.IsNullOrWhiteSpace(domainVariables[d]) || !domainIndex.TryAdd(domainVariables[d], d))
                Problem($"domainVariables[{d}]", "Each domain variable needs a name, given once.");
        if (respondents.Count == 0)
            Problem("respondents", "The round has no respondents: nothing to analyse.");
        if (problems.Count > 0)
            return AnalysisOutcome<SurveyRound>.Refused(problems);

        var n = respondents.Count;
        var weights = new double[n];
        var psuKey = new (string Stratum, string Cluster)[n];
        var domainValues = domainVariables.Select(_ => new string?[n]).ToArray();
        var columns = questions.Select(q => QuestionColumn.For(q, n)).ToArray();
        for (var i = 0; i < n; i++)
        {
            var r = respondents[i];
            if (string.IsNullOrWhiteSpace(r.Stratum))
                Problem($"respondents[{i}].stratum", "Give the respondent's stratum (the admin area's P-code).");
            if (string.IsNullOrWhiteSpace(r.Cluster))
                Problem($"respondents[{i}].cluster", "Give the respondent's cluster (the sampling unit's id within its stratum).");
            if (!double.IsFinite(r.Weight) || r.Weight <= 0)
                Problem($"respondents[{i}].weight", $"The weight must be a number above 0 (it is {r.Weight}).");
            weights[i] = r.Weight;
            psuKey[i] = (r.Stratum ?? "", r.Cluster ?? "");
            ReadDomains(r, i, domainVariables, domainIndex, domainValues, Problem);
            ReadAnswers(r, i, questions, questionIndex, columns, Problem);
        }
        if (problems.Count > 0)
            return AnalysisOutcome<SurveyRound>.Refused(problems);

        var (psuOf, stratumOfPsu, psusInStratum, strata) = NumberPsus(psuKey);
        var lonely = Enumerable.Range(0, strata.Length).Where(h => psusInStratum[h] == 1).Select(h => strata[h]).ToList();
        if (lonelyPsu == LonelyPsu.Refuse)
            foreach (var stratum in lonely)
                Problem("respondents", $"Stratum {stratum} has a single cluster: its variance cannot be estimated. Merge it with a neighbouring stratum, or analyse with lonely PSUs adjusted.");
        if (problems.Count > 0)
            return AnalysisOutcome<SurveyRound>.Refused(problems);

        var domains = domainVariables.Select((v, d) => DomainColumn.From(v, domainValues[d])).ToArray();
        var design = new DesignSummary(n, strata.Length, stratumOfPsu.Length, stratumOfPsu.Length - strata.Length, lonely);
        return AnalysisOutcome<SurveyRound>.Ok(new SurveyRound(name, questions, domainVariables, weights, psuOf,
            stratumOfPsu, psusInStratum, strata, domains, columns, design));
    }

    private static Dictionary<string, int> CheckQuestions(IReadOnlyList<AnalysisQuestion> questions, Action<string, string> problem)
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var q = 0; q < questions.Count; q++)
        {
            var question = questions[q];
            if (string.IsNullOrWhiteSpace(question.Name) || !index.TryAdd(question.Name, q))
                problem($"questions[{q}].name", "Each question needs a name, given once.");
            if (question.Kind != QuestionKind.Number && question.Choices.Count == 0)
                problem($"questions[{q}].choices", $"{question.Name} is a select question without choices.");
            if (question.Choices.Distinct(StringComparer.Ordinal).Count() != question.Choices.Count)
                problem($"questions[{q}].choices", $"{question.Name} lists a choice twice.");
            if (question.Kind == QuestionKind.SelectMultiple && question.Choices.Count > MaxSelectMultipleChoices)
                problem($"questions[{q}].choices", $"{question.Name} has {question.Choices.Count} choices; a select_multiple question can be analysed with at most {MaxSelectMultipleChoices}.");
        }
        return index;
    }

    private static void ReadDomains(Respondent r, int i, IReadOnlyList<string> variables, Dictionary<string, int> index,
        string?[][] values, Action<string, string> problem)
    {
        var known = 0;
        for (var d = 0; d < variables.Count; d++)
            if (r.Domains.TryGetValue(variables[d], out var value))
            {
                known++;
                values[d][i] = string.IsNullOrEmpty(value) ? null : value;
            }
        if (known != r.Domains.Count)
            foreach (var key in r.Domains.Keys.Where(k => !index.ContainsKey(k)))
                problem($"respondents[{i}].domains.{key}", $"{key} is not one of the round's domain variables ({string.Join(", ", variables)}).");
    }

    private static void ReadAnswers(Respondent r, int i, IReadOnlyList<AnalysisQuestion> questions, Dictionary<string, int> index,
        QuestionColumn[] columns, Action<string, string> problem)
    {
        var known = 0;
        for (var q = 0; q < columns.Length; q++)
        {
            if (!r.Answers.TryGetValue(questions[q].Name, out var answer))
                continue;
            known++;
            if (columns[q].Set(i, answer) is { } error)
                problem($"respondents[{i}].answers.{questions[q].Name}", error);
        }
        if (known != r.Answers.Count)
            foreach (var key in r.Answers.Keys.Where(k => !index.ContainsKey(k)))
                problem($"respondents[{i}].answers.{key}", $"{key} is not a question of the round.");
    }

    private static (int[] PsuOf, int[] StratumOfPsu, int[] PsusInStratum, string[] Strata) NumberPsus((string Stratum, string Cluster)[] keys)
    {
        var distinct = keys.Distinct().Order(Comparer<(string Stratum, string Cluster)>.Create((a, b) =>
            string.CompareOrdinal(a.Stratum, b.Stratum) is var c and not 0 ? c : string.CompareOrdinal(a.Cluster, b.Cluster))).ToArray();
        var psuIndex = new Dictionary<(string, string), int>(distinct.Length);
        var strata = new List<string>();
        var stratumOfPsu = new int[distinct.Length];
        for (var p = 0; p < distinct.Length; p++)
        {
            psuIndex[distinct[p]] = p;
            if (strata.Count == 0 || strata[^1] != distinct[p].Stratum)
                strata.Add(distinct[p].Stratum);
            stratumOfPsu[p] = strata.Count - 1;
        }
        var psusInStratum = new int[strata.Count];
        foreach (var h in stratumOfPsu)
            psusInStratum[h]++;
        var psuOf = keys.Select(k => psuIndex[k]).ToArray();
        return (psuOf, stratumOfPsu, psusInStratum, strata.ToArray());
    }
}

/// <summary>A domain variable's values: each respondent's code (−1 when missing) into the sorted distinct values.</summary>
internal sealed class DomainColumn(string name, int[] codes, string[] values)
{
    public string Name { get; } = name;

    public int[] Codes { get; } = codes;

    public string[] Values { get; } = values;

    public static DomainColumn From(string name, string?[] raw)
    {
        var values = raw.OfType<string>().Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        var index = new Dictionary<string, int>(values.Length, StringComparer.Ordinal);
        for (var v = 0; v < values.Length; v++)
            index[values[v]] = v;
        var codes = new int[raw.Length];
        for (var i = 0; i < raw.Length; i++)
            codes[i] = raw[i] is { } value ? index[value] : -1;
        return new DomainColumn(name, codes, values);
    }
}

/// <summary>
/// One question's answers as an array: a choice index (−1 missing) for select_one, a bit set with
/// <see cref="SurveyRound.AnsweredBit"/> for select_multiple (0 missing), a number (NaN missing).
/// </summary>
internal sealed class QuestionColumn
{
    private readonly Dictionary<string, int> _choiceIndex;

    private QuestionColumn(AnalysisQuestion question, int n)
    {
        Question = question;
        _choiceIndex = question.Choices.Select((c, k) => (c, k)).ToDictionary(x => x.c, x => x.k, StringComparer.Ordinal);
        switch (question.Kind)
        {
            case QuestionKind.SelectOne:
                Choice = new int[n];
                Array.Fill(Choice, -1);
                break;
            case QuestionKind.SelectMultiple:
                Sets = new ulong[n];
                break;
            default:
                Numbers = new double[n];
                Array.Fill(Numbers, double.NaN);
                break;
        }
    }

    public AnalysisQuestion Question { get; }

    public int[]? Choice { get; }

    public ulong[]? Sets { get; }

    public double[]? Numbers { get; }

    public static QuestionColumn For(AnalysisQuestion question, int n) => new(question, n);

    public bool TryChoice(string choice, out int index) => _choiceIndex.TryGetValue(choice, out index);

    /// <summary>Stores respondent <paramref name="i"/>'s answer; returns what is wrong with it, if anything.</summary>
    public string? Set(int i, Answer answer)
    {
        if (answer.IsMissing)
            return null;
        var name = Question.Name;
        switch (Question.Kind)
        {
            case QuestionKind.SelectOne:
                if (answer.ChoiceValue is not { } choice)
                    return $"{name} is a select_one question: give one of its choices.";
                if (!_choiceIndex.TryGetValue(choice, out var k))
                    return $"\"{choice}\" is not a choice of {name} ({string.Join(", ", Question.Choices)}).";
                Choice![i] = k;
                return null;
            case QuestionKind.SelectMultiple:
                var chosen = answer.ChoiceValues ?? (answer.ChoiceValue is { } single ? [single] : null);
                if (chosen is null)
                    return $"{name} is a select_multiple question: give a set of its choices.";
                var bits = SurveyRound.AnsweredBit;
                foreach (var c in chosen)
                {
                    if (!_choiceIndex.TryGetValue(c, out var bit))
                        return $"\"{c}\" is not a choice of {name} ({string.Join(", ", Question.Choices)}).";
                    bits |= 1UL << bit;
                }
                Sets![i] = bits;
                return null;
            default:
                if (!answer.IsNumber)
                    return $"{name} is a number question: give a number.";
                if (!double.IsFinite(answer.NumberValue))
                    return $"{name} must be a finite number.";
                Numbers![i] = answer.NumberValue;
                return null;
        }
    }
}
