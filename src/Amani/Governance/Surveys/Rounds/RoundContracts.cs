namespace Amani.Governance.Surveys.Rounds;

/// <summary>A round to create or change. On change, a field left null keeps its value; <c>Strata</c> replaces them all when given.</summary>
public sealed record RoundInput(
    string? Name,
    string? Description,
    string? XmlFormId,
    DateOnly? FieldworkStart,
    DateOnly? FieldworkEnd,
    string? StratumQuestion,
    string? ClusterQuestion,
    string? SexQuestion,
    string? AgeQuestion,
    string? ConsentQuestion,
    int? MinimumCellSize,
    bool? ApprovedOnly,
    IReadOnlyList<StratumInput>? Strata);

/// <summary>One stratum's population (and planned sample, kept for the record).</summary>
public sealed record StratumInput(string? Pcode, double? Population, int? ClustersSampled = null, int? RespondentsPerCluster = null);

public sealed record PublicationInput(bool Published);

public sealed record RoundResponse(
    Guid Id,
    Guid SurveyId,
    string XmlFormId,
    string Name,
    string? Description,
    DateOnly FieldworkStart,
    DateOnly FieldworkEnd,
    string StratumQuestion,
    string ClusterQuestion,
    string? SexQuestion,
    string? AgeQuestion,
    string? ConsentQuestion,
    int MinimumCellSize,
    bool ApprovedOnly,
    bool Published,
    DateTime? PublishedAt,
    int Version,
    IReadOnlyList<StratumInput> Strata);

public sealed record RoundList(IReadOnlyList<RoundResponse> Items);
