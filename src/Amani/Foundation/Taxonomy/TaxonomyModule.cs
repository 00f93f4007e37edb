using Amani.Platform.Modules;

namespace Amani.Foundation.Taxonomy;

/// <summary>
/// The category taxonomy is reference data compiled into Amani (<see cref="Categories"/>): it registers no service,
/// endpoint or command of its own (incidents and reports validate against it).
/// </summary>
public sealed class TaxonomyModule : IAmaniModule;
