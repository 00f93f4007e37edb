namespace Amani.Analysis.Forecasting.Models;

/// <summary>The models Amani knows, by name: the reference models and the learned one (with its tuned settings).</summary>
public static class ForecastModels
{
    public const string Learned = "gbm";

    public static IReadOnlyList<IForecastModel> All() =>
        [new NoChangeModel(), new ZeroModel(), new LastValuePoissonModel(), new ConflictHistoryModel(), new GradientBoostedModel()];

    public static IReadOnlyList<string> Names { get; } = All().Select(m => m.Name).ToList();

    public static IForecastModel? Find(string name) => All().FirstOrDefault(m => m.Name.Equals(name, StringComparison.OrdinalIgnoreCase));
}
