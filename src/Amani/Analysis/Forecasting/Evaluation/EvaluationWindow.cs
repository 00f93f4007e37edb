using Amani.Analysis.Forecasting.Models;

namespace Amani.Analysis.Forecasting.Evaluation;

/// <summary>
/// A scoring protocol: every target month t in [<see cref="FirstTarget"/>, <see cref="LastTarget"/>] is forecast at
/// every step s in [<see cref="MinStep"/>, <see cref="MaxStep"/>] from the origin t − s, seeing only months ≤ t − s.
/// </summary>
public sealed record EvaluationWindow(string Name, int FirstTarget, int LastTarget, int MinStep, int MaxStep)
{
    /// <summary>ViEWS 2020 competition, task 2: January 2017 – December 2019, steps 2–7.</summary>
    public static readonly EvaluationWindow Views2020Task2 = new("views2020-task2", 445, 480, 2, 7);

    /// <summary>Validation windows for tuning, with every target month ≤ 438 (the first origin of task 2), so that
    /// nothing tuned on them was unknown at any task-2 origin.</summary>
    public static readonly EvaluationWindow Validation2013 = new("validation-2013", 403, 438, 2, 7);
    public static readonly EvaluationWindow Validation2010 = new("validation-2010", 367, 402, 2, 7);

    public static readonly IReadOnlyList<EvaluationWindow> Named = [Views2020Task2, Validation2013, Validation2010];

    /// <summary>The 54 African ViEWS <c>country_id</c>s every ViEWS 2020 window is scored on (views2020_africa_countries.csv).</summary>
    public static readonly IReadOnlyList<string> Views2020Countries =
    [
        "40", "41", "42", "43", "47", "48", "49", "50", "52", "53", "54", "55", "56", "57", "67", "69", "70", "73", "74", "76", "78", "79",
        "80", "81", "120", "154", "155", "156", "157", "158", "159", "160", "161", "162", "163", "164", "165", "166", "167", "169", "170",
        "172", "173", "174", "213", "214", "222", "235", "237", "242", "243", "244", "245", "246",
    ];

    public static EvaluationWindow? Find(string name) => Named.FirstOrDefault(w => w.Name.Equals(name, StringComparison.OrdinalIgnoreCase));

    public int FirstOrigin => FirstTarget - MaxStep;
    public int LastOrigin => LastTarget - MinStep;

    public IEnumerable<int> StepsFrom(int origin)
    {
        for (var step = MinStep; step <= MaxStep; step++)
            if (origin + step >= FirstTarget && origin + step <= LastTarget)
                yield return step;
    }

    public void Validate()
    {
        if (MinStep < ForecastHorizon.MinStep || MaxStep > ForecastHorizon.MaxStep || MinStep > MaxStep)
            throw new ArgumentOutOfRangeException(nameof(MinStep), $"Steps are between {ForecastHorizon.MinStep} and {ForecastHorizon.MaxStep}.");
        if (FirstTarget > LastTarget || FirstTarget - MaxStep < 1)
            throw new ArgumentOutOfRangeException(nameof(FirstTarget), "The window's target months are out of order or begin too early.");
    }
}
