using System.Numerics;

namespace Amani.Governance.Surveys.Analysis;

/// <summary>
/// Design-based estimates for a stratified cluster sample, as R's survey package computes them with
/// <c>svydesign(ids = ~cluster, strata = ~stratum, weights = ~w)</c> and <c>svymean</c>/<c>svyby</c>: every estimate is a
/// ratio R = Y / X of weighted totals (a share: Y counts the respondents of the cell who chose the category, X those of
/// the cell who answered; a mean: Y sums their answers), its variance the Taylor linearisation with PSUs taken as
/// drawn with replacement: z = (y − R·x) / X per respondent (0 outside the cell), z_hi the weighted total of z in PSU i
/// of stratum h, and Var(R) = Σ_h n_h / (n_h − 1) · Σ_i (z_hi − z̄_h)², where n_h counts all the stratum's PSUs in the
/// round (a PSU without anyone of the cell has z_hi = 0): a domain is estimated over the full design, never by
/// subsetting it. A stratum with one PSU adds z_h1² (<see cref="LonelyPsu.Adjust"/>).
/// One pass over the respondents per question and breakdown accumulates the PSU totals; a second over the runs gives
/// the variances. See docs/governance/surveys-analysis.md.
/// </summary>
public static class SurveyEstimator
{
    public static AnalysisOutcome<RoundAnalysis> Analyse(SurveyRound round, AnalysisRequest request)
    {
        var problems = new List<AnalysisProblem>();
        var breakdowns = CheckBreakdowns(round, request, problems);
        var questions = CheckQuestions(round, request, problems);
        var sets = CheckSets(round, request, problems);
        if (request.MinimumN < 1)
            problems.Add(new("minimumN", "The minimum sample size must be at least 1."));
        if (problems.Count > 0)
            return AnalysisOutcome<RoundAnalysis>.Refused(problems.Take(AnalysisOutcome<RoundAnalysis>.MaxProblems).ToList());

        var context = new Context(round, request.MinimumN);
        for (var b = 0; b < breakdowns.Length; b++)
        {
            if (CellLayout.Build(round, breakdowns[b]) is not { } layout)
                return AnalysisOutcome<RoundAnalysis>.Refused([new($"breakdowns[{b}]", "This breakdown has too many combinations of values to analyse; use fewer variables.")]);
            foreach (var q in questions)
                context.Estimate(layout, q, sets[q]);
        }
        return AnalysisOutcome<RoundAnalysis>.Ok(new RoundAnalysis(round.Name, round.Design, request.MinimumN, context.Estimates));
    }

    private static int[][] CheckBreakdowns(SurveyRound round, AnalysisRequest request, List<AnalysisProblem> problems)
    {
        var result = new int[request.Breakdowns.Count][];
        for (var b = 0; b < request.Breakdowns.Count; b++)
        {
            var variables = request.Breakdowns[b];
            result[b] = new int[variables.Count];
            for (var v = 0; v < variables.Count; v++)
            {
                var index = round.DomainVariables.IndexOf(variables[v]);
                if (index < 0)
                    problems.Add(new($"breakdowns[{b}][{v}]", $"{variables[v]} is not a domain variable of the round ({string.Join(", ", round.DomainVariables)})."));
                else if (result[b].AsSpan(0, v).Contains(index))
                    problems.Add(new($"breakdowns[{b}][{v}]", $"{variables[v]} appears twice in the breakdown."));
                result[b][v] = index;
            }
        }
        return result;
    }

    private static List<int> CheckQuestions(SurveyRound round, AnalysisRequest request, List<AnalysisProblem> problems)
    {
        if (request.Questions is null)
            return Enumerable.Range(0, round.Columns.Length).ToList();
        var result = new List<int>();
        for (var i = 0; i < request.Questions.Count; i++)
        {
            var index = round.Columns.IndexOf(c => c.Question.Name == request.Questions[i]);
            if (index < 0)
                problems.Add(new($"questions[{i}]", $"{request.Questions[i]} is not a question of the round."));
            else
                result.Add(index);
        }
        return result;
    }

    private static CompiledSet[][] CheckSets(SurveyRound round, AnalysisRequest request, List<AnalysisProblem> problems)
    {
        var perQuestion = round.Columns.Select(_ => new List<CompiledSet>()).ToArray();
        for (var s = 0; s < request.Sets.Count; s++)
        {
            var set = request.Sets[s];
            var q = round.Columns.IndexOf(c => c.Question.Name == set.Question);
            if (string.IsNullOrWhiteSpace(set.Name))
                problems.Add(new($"sets[{s}].name", "Give the set a name (e.g. \"feels safe\")."));
            if (q < 0)
            {
                problems.Add(new($"sets[{s}].question", $"{set.Question} is not a question of the round."));
                continue;
            }
            var column = round.Columns[q];
            if (column.Question.Kind == QuestionKind.Number)
            {
                problems.Add(new($"sets[{s}].question", $"{set.Question} is a number question: a set of categories needs a select question."));
                continue;
            }
            if (perQuestion[q].Any(c => c.Name == set.Name) || column.Question.Choices.Contains(set.Name))
                problems.Add(new($"sets[{s}].name", $"{set.Name} is already a category or set of {set.Question}."));
            var member = new bool[column.Question.Choices.Count];
            ulong mask = 0;
            foreach (var choice in set.Choices)
                if (column.TryChoice(choice, out var k))
                {
                    member[k] = true;
                    mask |= k < 64 ? 1UL << k : 0;
                }
                else
                    problems.Add(new($"sets[{s}].choices", $"\"{choice}\" is not a choice of {set.Question}."));
            if (set.Choices.Count == 0)
                problems.Add(new($"sets[{s}].choices", "A set needs at least one choice."));
            perQuestion[q].Add(new CompiledSet(set.Name, member, mask));
        }
        return perQuestion.Select(l => l.ToArray()).ToArray();
    }

    private static int IndexOf<T>(this IReadOnlyList<T> list, Func<T, bool> match)
    {
        for (var i = 0; i < list.Count; i++)
            if (match(list[i]))
                return i;
        return -1;
    }

    private static int IndexOf(this IReadOnlyList<string> list, string value) => list.IndexOf(v => v == value);

    private sealed record CompiledSet(string Name, bool[] Member, ulong Mask);

    /// <summary>The round, the scratch arrays reused from question to question, and the estimates produced so far.</summary>
    private sealed class Context(SurveyRound round, int minimumN)
    {
        private readonly int _df = round.Design.DegreesOfFreedom;
        private readonly double _t = round.Design.DegreesOfFreedom >= 1 ? TDistribution.Quantile975(round.Design.DegreesOfFreedom) : double.NaN;
        private double[] _x = [];
        private double[] _y = [];
        private int[] _n = [];

        public List<Estimate> Estimates { get; } = [];

        public void Estimate(CellLayout layout, int question, CompiledSet[] sets)
        {
            var column = round.Columns[question];
            var kind = column.Question.Kind;
            var categories = kind == QuestionKind.Number ? 1 : column.Question.Choices.Count;
            var stats = categories + sets.Length;
            Prepare(layout, stats);
            switch (kind)
            {
                case QuestionKind.SelectOne:
                    AccumulateSelectOne(layout, column.Choice!, categories, sets, stats);
                    break;
                case QuestionKind.SelectMultiple:
                    AccumulateSelectMultiple(layout, column.Sets!, categories, sets, stats);
                    break;
                default:
                    AccumulateNumbers(layout, column.Numbers!);
                    break;
            }
            for (var c = 0; c < layout.Cells; c++)
                EmitCell(layout, c, column, sets, stats);
        }

        private void Prepare(CellLayout layout, int stats)
        {
            if (_x.Length < layout.Runs)
                _x = new double[layout.Runs];
            if (_y.Length < layout.Runs * stats)
                _y = new double[layout.Runs * stats];
            if (_n.Length < layout.Cells)
                _n = new int[layout.Cells];
            Array.Clear(_x, 0, layout.Runs);
            Array.Clear(_y, 0, layout.Runs * stats);
            Array.Clear(_n, 0, layout.Cells);
        }

        private void AccumulateSelectOne(CellLayout layout, int[] choice, int categories, CompiledSet[] sets, int stats)
        {
            var weights = round.Weights;
            for (var c = 0; c < layout.Cells; c++)
                for (var r = layout.CellRunStart[c]; r < layout.CellRunStart[c + 1]; r++)
                {
                    var row = r * stats;
                    for (var j = layout.RunStart[r]; j < layout.RunStart[r + 1]; j++)
                    {
                        var i = layout.Order[j];
                        var k = choice[i];
                        if (k < 0)
                            continue;
                        var w = weights[i];
                        _x[r] += w;
                        _y[row + k] += w;
                        for (var s = 0; s < sets.Length; s++)
                            if (sets[s].Member[k])
                                _y[row + categories + s] += w;
                        _n[c]++;
                    }
                }
        }

        private void AccumulateSelectMultiple(CellLayout layout, ulong[] chosen, int categories, CompiledSet[] sets, int stats)
        {
            var weights = round.Weights;
            for (var c = 0; c < layout.Cells; c++)
                for (var r = layout.CellRunStart[c]; r < layout.CellRunStart[c + 1]; r++)
                {
                    var row = r * stats;
                    for (var j = layout.RunStart[r]; j < layout.RunStart[r + 1]; j++)
                    {
                        var i = layout.Order[j];
                        var bits = chosen[i];
                        if (bits == 0)
                            continue;
                        var w = weights[i];
                        _x[r] += w;
                        for (var s = 0; s < sets.Length; s++)
                            if ((bits & sets[s].Mask) != 0)
                                _y[row + categories + s] += w;
                        bits &= ~SurveyRound.AnsweredBit;
                        while (bits != 0)
                        {
                            _y[row + BitOperations.TrailingZeroCount(bits)] += w;
                            bits &= bits - 1;
                        }
                        _n[c]++;
                    }
                }
        }

        private void AccumulateNumbers(CellLayout layout, double[] numbers)
        {
            var weights = round.Weights;
            for (var c = 0; c < layout.Cells; c++)
                for (var r = layout.CellRunStart[c]; r < layout.CellRunStart[c + 1]; r++)
                    for (var j = layout.RunStart[r]; j < layout.RunStart[r + 1]; j++)
                    {
                        var i = layout.Order[j];
                        var y = numbers[i];
                        if (double.IsNaN(y))
                            continue;
                        var w = weights[i];
                        _x[r] += w;
                        _y[r] += w * y;
                        _n[c]++;
                    }
        }

        private void EmitCell(CellLayout layout, int cell, QuestionColumn column, CompiledSet[] sets, int stats)
        {
            var n = _n[cell];
            if (n == 0)
                return; // nobody in the cell answered: no estimate
            int first = layout.CellRunStart[cell], last = layout.CellRunStart[cell + 1];
            var total = 0.0;
            for (var r = first; r < last; r++)
                total += _x[r];
            var question = column.Question;
            var categories = stats - sets.Length;
            for (var m = 0; m < stats; m++)
            {
                var (kind, category) = question.Kind == QuestionKind.Number ? (EstimateKind.Mean, (string?)null)
                    : m < categories ? (EstimateKind.Proportion, question.Choices[m])
                    : (EstimateKind.SetProportion, sets[m - categories].Name);
                if (n < minimumN)
                {
                    Estimates.Add(new Estimate(round.Name, question.Name, kind, category, layout.Keys[cell], layout.Domains[cell],
                        n, true, null, null, null, null, null, null, _df));
                    continue;
                }
                var sum = 0.0;
                for (var r = first; r < last; r++)
                    sum += _y[r * stats + m];
                var ratio = sum / total;
                var variance = Variance(layout, first, last, m, stats, ratio, total);
                var se = Math.Sqrt(variance);
                var unitVariance = kind == EstimateKind.Mean ? WeightedVariance(layout, first, last, column.Numbers!, ratio, total) : ratio * (1 - ratio);
                var srsVariance = n > 1 ? unitVariance * n / (n - 1) / n : 0;
                double? deff = srsVariance > 0 ? variance / srsVariance : null;
                double? lower = null, upper = null;
                if (_df >= 1)
                {
                    lower = ratio - _t * se;
                    upper = ratio + _t * se;
                    if (kind != EstimateKind.Mean)
                        (lower, upper) = (Math.Max(0, lower.Value), Math.Min(1, upper.Value));
                }
                Estimates.Add(new Estimate(round.Name, question.Name, kind, category, layout.Keys[cell], layout.Domains[cell],
                    n, false, ratio, se, lower, upper, deff, total, _df));
            }
        }

        /// <summary>Σ_h n_h/(n_h − 1) Σ_i (z_hi − z̄_h)² over the cell's runs of statistic m; absent PSUs have z_hi = 0.</summary>
        private double Variance(CellLayout layout, int first, int last, int m, int stats, double ratio, double total)
        {
            var variance = 0.0;
            var r = first;
            while (r < last)
            {
                var stratum = round.StratumOfPsu[layout.RunPsu[r]];
                var end = r;
                var sum = 0.0;
                while (end < last && round.StratumOfPsu[layout.RunPsu[end]] == stratum)
                {
                    sum += (_y[end * stats + m] - ratio * _x[end]) / total;
                    end++;
                }
                var psus = round.PsusInStratum[stratum];
                if (psus == 1)
                    variance += sum * sum; // the lonely PSU centred at the grand mean of the linearised totals, 0
                else
                {
                    var mean = sum / psus;
                    var squares = (psus - (end - r)) * mean * mean;
                    for (var k = r; k < end; k++)
                    {
                        var z = (_y[k * stats + m] - ratio * _x[k]) / total - mean;
                        squares += z * z;
                    }
                    variance += psus / (psus - 1.0) * squares;
                }
                r = end;
            }
            return variance;
        }

        /// <summary>Σ w (y − ȳ)² / Σ w over the cell's respondents who answered (for the design effect of a mean).</summary>
        private double WeightedVariance(CellLayout layout, int first, int last, double[] numbers, double mean, double total)
        {
            var squares = 0.0;
            for (var j = layout.RunStart[first]; j < layout.RunStart[last]; j++)
            {
                var i = layout.Order[j];
                var y = numbers[i];
                if (!double.IsNaN(y))
                    squares += round.Weights[i] * (y - mean) * (y - mean);
            }
            return squares / total;
        }
    }
}
