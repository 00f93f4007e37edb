using System.Globalization;
using System.Runtime.CompilerServices;
using System.Xml;
using Amani.Governance.Surveys.Analysis;

namespace Amani.Governance.Surveys.Rounds;

/// <summary>
/// Reads the respondents of one round load from their instances, one at a time: a forward <see cref="XmlReader"/> (no
/// DTD, no entity, comments and whitespace skipped, one name table for all the load's instances) that follows a tree of
/// the wanted paths, so that an element outside it costs one look-up, a leaf nothing more than its text, and no path
/// string is built. The first text of a wanted leaf wins. A leaf's text is read into a buffer and looked up among the
/// values that leaf already had (<see cref="MaxDistinct"/> at most), so the 20,000 respondents of a round share a few
/// strings and answers instead of allocating one per leaf; each respondent's answers are one array
/// (<see cref="AnswerRow"/>). Not thread-safe: one per load.
/// </summary>
internal sealed class RoundAnswers
{
    private sealed class PathNode
    {
        public Dictionary<string, PathNode>? Children;
        public int Slot = -1;
    }

    private readonly SurveyRoundRecord _round;
    private readonly IReadOnlyList<AnalysisQuestion> _questions;
    private readonly PointStrata.Locator? _locator;
    private readonly XmlReaderSettings _settings;
    private readonly PathNode _root = new();
    private readonly string?[] _values;
    private readonly int[] _questionSlots;
    private readonly HashSet<string>?[] _choices;
    private readonly int _stratum, _cluster, _sex, _age, _consent;
    private readonly List<PathNode?> _open = [];
    /// <summary>Beyond this many distinct values of one leaf (free text, decimals), its values are no longer shared.</summary>
    private const int MaxDistinct = 10_000;
    private readonly Dictionary<string, string>[] _distinct;
    private readonly Dictionary<string, Answer>[] _answerOf;
    private readonly Dictionary<string, int> _questionIndex;
    private char[] _buffer = new char[256];

    public RoundAnswers(SurveyRoundRecord round, IReadOnlyList<AnalysisQuestion> questions, PointStrata.Locator? locator)
    {
        (_round, _questions, _locator) = (round, questions, locator);
        _settings = XFormPaths.Safe.Clone();
        (_settings.NameTable, _settings.IgnoreComments, _settings.IgnoreProcessingInstructions, _settings.IgnoreWhitespace) = (new NameTable(), true, true, true);
        var slots = new Dictionary<string, int>(StringComparer.Ordinal);
        _questionSlots = questions.Select(q => SlotOf(q.Name)).ToArray();
        _choices = questions.Select(q => q.Kind == QuestionKind.Number ? null : q.Choices.ToHashSet(StringComparer.Ordinal)).ToArray();
        (_stratum, _cluster) = (SlotOf(round.StratumQuestion), SlotOf(round.ClusterQuestion));
        (_sex, _age, _consent) = (SlotOf(round.SexQuestion), SlotOf(round.AgeQuestion), SlotOf(round.ConsentQuestion));
        _values = new string?[slots.Count];
        _distinct = Enumerable.Range(0, slots.Count).Select(_ => new Dictionary<string, string>(StringComparer.Ordinal)).ToArray();
        _answerOf = questions.Select(_ => new Dictionary<string, Answer>(StringComparer.Ordinal)).ToArray();
        _questionIndex = questions.Select((q, i) => (q.Name, i)).ToDictionary(x => x.Name, x => x.i, StringComparer.Ordinal);

        int SlotOf(string? path)
        {
            if (path is null)
                return -1;
            if (slots.TryGetValue(path, out var known))
                return known;
            var node = _root;
            foreach (var name in path.Split('/'))
            {
                node.Children ??= new Dictionary<string, PathNode>(StringComparer.Ordinal);
                if (!node.Children.TryGetValue(name, out var child))
                    node.Children[name] = child = new PathNode();
                node = child;
            }
            return node.Slot = slots[path] = slots.Count;
        }
    }

    /// <summary>The respondent of one instance (weight 1), or null when it cannot count (unreadable, no consent, no stratum or cluster).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // run 20,000 times on the first load after a start: optimised at once, not after tiering
    public Respondent? Read(string xml)
    {
        if (!Leaves(xml))
            return null;
        if (_consent >= 0 && _values[_consent] != "yes")
            return null;
        var located = _stratum >= 0 ? _values[_stratum] : null;
        if ((_locator is null ? located : _locator.Stratum(located)) is not { Length: > 0 } stratum || Value(_cluster) is not { Length: > 0 } cluster)
            return null;
        var domains = new Dictionary<string, string?>(3, StringComparer.Ordinal)
        {
            ["area"] = stratum,
            ["sex"] = Value(_sex),
            ["age"] = double.TryParse(Value(_age), NumberStyles.Float, CultureInfo.InvariantCulture, out var years) ? AgeBands.Of(years) : null,
        };
        var answers = new Answer[_questions.Count];
        var count = 0;
        for (var q = 0; q < _questions.Count; q++)
            if (_values[_questionSlots[q]] is { Length: > 0 } text && Shared(q, text) is { IsMissing: false } answer)
                (answers[q], count) = (answer, count + 1);
        return new Respondent(stratum, cluster, 1, domains, new AnswerRow(_questions, _questionIndex, answers, count));
    }

    private string? Value(int slot) => slot >= 0 ? _values[slot] : null;

    private Answer Shared(int q, string text)
    {
        if (_answerOf[q].TryGetValue(text, out var known))
            return known;
        var answer = AnswerOf(q, text);
        if (_answerOf[q].Count < MaxDistinct)
            _answerOf[q][text] = answer;
        return answer;
    }

    /// <summary>The current text node's value, trimmed, as a string this leaf already had when it had it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private string Text(XmlReader reader, int slot)
    {
        if (!reader.CanReadValueChunk)
            return reader.Value.Trim();
        var length = 0;
        int read;
        while ((read = reader.ReadValueChunk(_buffer, length, _buffer.Length - length)) > 0)
            if ((length += read) == _buffer.Length)
                Array.Resize(ref _buffer, _buffer.Length * 2);
        var text = _buffer.AsSpan(0, length).Trim();
        var distinct = _distinct[slot].GetAlternateLookup<ReadOnlySpan<char>>();
        if (distinct.TryGetValue(text, out var known))
            return known;
        var value = text.ToString();
        if (_distinct[slot].Count < MaxDistinct)
            _distinct[slot][value] = value;
        return value;
    }

    /// <summary>A choice outside the form's list (a later version's, a typing error) or a number that does not parse counts as missing.</summary>
    private Answer AnswerOf(int q, string text) => _questions[q].Kind switch
    {
        QuestionKind.SelectOne => _choices[q]!.Contains(text) ? Answer.Choice(text) : Answer.Missing,
        QuestionKind.SelectMultiple => Answer.Choices(text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(_choices[q]!.Contains).Distinct().ToList()),
        _ => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) && double.IsFinite(n) ? Answer.Number(n) : Answer.Missing,
    };

    /// <summary>The wanted leaves' first text into their slots; false when the instance is not well-formed XML.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool Leaves(string xml)
    {
        Array.Clear(_values);
        _open.Clear();
        try
        {
            using var reader = XmlReader.Create(new StringReader(xml), _settings);
            while (reader.Read())
            {
                switch (reader.NodeType)
                {
                    case XmlNodeType.Element when reader.Depth > 0:
                        // The open elements below the root: _open[d - 1] is the tree node of the element at depth d (null: not wanted).
                        var depth = reader.Depth;
                        while (_open.Count > depth - 1) _open.RemoveAt(_open.Count - 1);
                        var parent = depth == 1 ? _root : _open[depth - 2];
                        PathNode? node = null;
                        parent?.Children?.TryGetValue(reader.LocalName, out node);
                        if (!reader.IsEmptyElement)
                            _open.Add(node);
                        break;
                    case XmlNodeType.Text or XmlNodeType.CDATA when _open.Count > 0:
                        if (_open[^1] is { Slot: >= 0 } leaf && _values[leaf.Slot] is null)
                            _values[leaf.Slot] = Text(reader, leaf.Slot);
                        break;
                    case XmlNodeType.EndElement when reader.Depth > 0:
                        while (_open.Count > reader.Depth - 1) _open.RemoveAt(_open.Count - 1);
                        break;
                }
            }
            return true;
        }
        catch (XmlException)
        {
            return false;
        }
    }
}

/// <summary>
/// One respondent's answers as a dictionary over an array (one slot per question of the round, <see cref="Answer.Missing"/>
/// for none): no hashing per answer, one allocation per respondent.
/// </summary>
internal sealed class AnswerRow(IReadOnlyList<AnalysisQuestion> questions, Dictionary<string, int> index, Answer[] answers, int count)
    : IReadOnlyDictionary<string, Answer>
{
    public int Count => count;
    public Answer this[string key] => TryGetValue(key, out var answer) ? answer : throw new KeyNotFoundException(key);
    public IEnumerable<string> Keys => this.Select(pair => pair.Key);
    public IEnumerable<Answer> Values => this.Select(pair => pair.Value);
    public bool ContainsKey(string key) => TryGetValue(key, out _);

    public bool TryGetValue(string key, out Answer value)
    {
        value = index.TryGetValue(key, out var q) ? answers[q] : Answer.Missing;
        return !value.IsMissing;
    }

    public IEnumerator<KeyValuePair<string, Answer>> GetEnumerator()
    {
        for (var q = 0; q < answers.Length; q++)
            if (!answers[q].IsMissing)
                yield return new(questions[q].Name, answers[q]);
    }

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
}
