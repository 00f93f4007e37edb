using CsvHelper;

namespace Amani.Register.Imports;

/// <summary>
/// Maps the rows of one dataset's CSV format onto <see cref="ImportedIncident"/>s: the only part of an import that
/// knows the dataset. Parse failures are rejections (values), never exceptions.
/// </summary>
public interface IIncidentRowMapper
{
    /// <summary>Stored as the incidents' external source, e.g. "ucdp-ged"; together with the external id it identifies a row.</summary>
    string Source { get; }

    /// <summary>The dataset's name for people, e.g. "UCDP GED".</summary>
    string DisplayName { get; }

    /// <summary>The required columns that <paramref name="header"/> lacks (empty: the file can be imported).</summary>
    IReadOnlyList<string> MissingColumns(IReadOnlyCollection<string> header);

    MappedRow Map(IReaderRow row);

    /// <summary>The external id of a row that could not be mapped, for the rejects file (null: the importer shows the first field).</summary>
    string? RejectedRowId(IReaderRow row) => null;
}
