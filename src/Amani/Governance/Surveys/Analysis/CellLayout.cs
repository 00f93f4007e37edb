namespace Amani.Governance.Surveys.Analysis;

/// <summary>
/// The cells of one breakdown and the respondents in cell-then-PSU order, cut into runs: one run per (cell, PSU) pair
/// that has respondents. PSUs are numbered stratum after stratum, so within a cell the runs of a stratum are adjacent.
/// Built once per breakdown and reused for every question.
/// </summary>
internal sealed class CellLayout
{
    private CellLayout(int[] order, int[] runStart, int[] runPsu, int[] cellRunStart, IReadOnlyList<DomainValue>[] domains, string[] keys)
    {
        Order = order;
        RunStart = runStart;
        RunPsu = runPsu;
        CellRunStart = cellRunStart;
        Domains = domains;
        Keys = keys;
    }

    /// <summary>Respondent indices sorted by (cell, PSU); respondents outside every cell are left out.</summary>
    public int[] Order { get; }

    /// <summary>Run r covers <c>Order[RunStart[r] .. RunStart[r + 1])</c>.</summary>
    public int[] RunStart { get; }

    public int[] RunPsu { get; }

    /// <summary>Cell c's runs are <c>CellRunStart[c] .. CellRunStart[c + 1]</c>.</summary>
    public int[] CellRunStart { get; }

    public IReadOnlyList<DomainValue>[] Domains { get; }

    public string[] Keys { get; }

    public int Cells => Keys.Length;

    public int Runs => RunPsu.Length;

    /// <summary>The layout, or null when the variables' combinations are too many to number.</summary>
    public static CellLayout? Build(SurveyRound round, int[] variables)
    {
        var n = round.Count;
        var columns = variables.Select(v => round.Domains[v]).ToArray();
        long combinations = 1;
        foreach (var column in columns)
            if (column.Values.Length > 0 && combinations > long.MaxValue / column.Values.Length / (round.StratumOfPsu.Length + 1))
                return null;
            else
                combinations *= Math.Max(1, column.Values.Length);

        var combination = new long[n];
        for (var i = 0; i < n; i++)
        {
            long key = 0;
            foreach (var column in columns)
            {
                var code = column.Codes[i];
                if (code < 0)
                {
                    key = -1;
                    break;
                }
                key = key * column.Values.Length + code;
            }
            combination[i] = key;
        }
        var present = combination.Where(k => k >= 0).Distinct().Order().ToArray();
        var cellOfCombination = new Dictionary<long, int>(present.Length);
        for (var c = 0; c < present.Length; c++)
            cellOfCombination[present[c]] = c;

        var psus = round.StratumOfPsu.Length;
        var members = combination.Count(k => k >= 0);
        var sortKeys = new long[members];
        var order = new int[members];
        for (int i = 0, j = 0; i < n; i++)
            if (combination[i] >= 0)
            {
                sortKeys[j] = (long)cellOfCombination[combination[i]] * psus + round.PsuOf[i];
                order[j++] = i;
            }
        Array.Sort(sortKeys, order);

        var runStart = new List<int>();
        var runPsu = new List<int>();
        var cellRunStart = new int[present.Length + 1];
        var cell = -1;
        for (var j = 0; j < members; j++)
        {
            if (j > 0 && sortKeys[j] == sortKeys[j - 1])
                continue;
            var c = (int)(sortKeys[j] / psus);
            while (cell < c)
                cellRunStart[++cell] = runStart.Count;
            runStart.Add(j);
            runPsu.Add((int)(sortKeys[j] % psus));
        }
        while (cell < present.Length)
            cellRunStart[++cell] = runStart.Count;
        runStart.Add(members);

        var domains = new IReadOnlyList<DomainValue>[present.Length];
        var keys = new string[present.Length];
        for (var c = 0; c < present.Length; c++)
        {
            var values = new DomainValue[columns.Length];
            var rest = present[c];
            for (var v = columns.Length - 1; v >= 0; v--)
            {
                var size = columns[v].Values.Length;
                values[v] = new DomainValue(columns[v].Name, columns[v].Values[(int)(rest % size)]);
                rest /= size;
            }
            domains[c] = values;
            keys[c] = string.Join(';', values.Select(d => $"{d.Variable}={d.Value}"));
        }
        return new CellLayout(order, runStart.ToArray(), runPsu.ToArray(), cellRunStart, domains, keys);
    }
}
