using System.Globalization;

namespace Amani.Analysis.Forecasting.Models;

/// <summary>Parses a list of forecast steps: <c>N</c>, <c>A-B</c>, or several of them separated by commas (<c>1,3-5</c>).</summary>
public static class StepList
{
    public static bool TryParse(string? text, out IReadOnlyList<int> steps, out string error)
    {
        steps = [];
        error = "";
        var parsed = new SortedSet<int>();
        var allowed = $"steps are whole numbers from {ForecastHorizon.MinStep} to {ForecastHorizon.MaxStep}, written N, A-B or a comma-separated list of them (e.g. 2-7)";
        if (string.IsNullOrWhiteSpace(text))
        {
            error = $"no steps given: {allowed}.";
            return false;
        }
        foreach (var part in text.Split(','))
        {
            var bounds = part.Trim().Split('-');
            if (bounds.Length > 2 || !bounds.All(b => int.TryParse(b.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out _)))
            {
                error = $"'{text}' is not a list of steps: {allowed}.";
                return false;
            }
            var low = int.Parse(bounds[0].Trim(), CultureInfo.InvariantCulture);
            var high = int.Parse(bounds[^1].Trim(), CultureInfo.InvariantCulture);
            if (low > high || low < ForecastHorizon.MinStep || high > ForecastHorizon.MaxStep)
            {
                error = $"'{part.Trim()}' is out of range: {allowed}.";
                return false;
            }
            for (var step = low; step <= high; step++)
                parsed.Add(step);
        }
        steps = parsed.ToList();
        return true;
    }
}
