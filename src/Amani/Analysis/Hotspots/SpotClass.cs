namespace Amani.Analysis.Hotspots;

/// <summary>A unit's classification at 90, 95 or 99 % confidence, by its FDR-adjusted p-value (q) and the sign of its z-score.</summary>
public enum SpotClass { Hot99, Hot95, Hot90, NotSignificant, Cold90, Cold95, Cold99 }

public static class SpotClasses
{
    public static SpotClass Of(double z, double q) => (z, q) switch
    {
        ( > 0, < 0.01) => SpotClass.Hot99,
        ( > 0, < 0.05) => SpotClass.Hot95,
        ( > 0, < 0.10) => SpotClass.Hot90,
        ( < 0, < 0.01) => SpotClass.Cold99,
        ( < 0, < 0.05) => SpotClass.Cold95,
        ( < 0, < 0.10) => SpotClass.Cold90,
        _ => SpotClass.NotSignificant,
    };

    public static bool IsHot(this SpotClass spot) => spot is SpotClass.Hot99 or SpotClass.Hot95 or SpotClass.Hot90;

    public static bool IsCold(this SpotClass spot) => spot is SpotClass.Cold99 or SpotClass.Cold95 or SpotClass.Cold90;
}
