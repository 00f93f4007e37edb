using Amani.Platform.Access;

namespace Amani.Platform.Records;

/// <summary>
/// A record type's declared life: from each status, the statuses it may move to, for each move whether a reason must be
/// given, and the permission a move needs (the workflow's, or a move's own). Every status must be declared (a final one
/// with no moves), so a status added later without its moves fails at start-up, not at the first request. Built once per
/// record type:
/// <code>
/// Workflow&lt;AlertStatus&gt;.Define(Permission.AlertsRespond)
///     .From(AlertStatus.Open).To(AlertStatus.Acknowledged).ToWithReason(AlertStatus.FalseAlarm)
///     .From(AlertStatus.Resolved).Final()
///     .Build();
/// </code>
/// </summary>
public sealed class Workflow<TStatus> where TStatus : struct, Enum
{
    /// <summary>One allowed move.</summary>
    public sealed record Move(TStatus From, TStatus To, bool ReasonRequired, Permission Permission);

    private readonly Dictionary<TStatus, Move[]> _moves;

    private Workflow(Dictionary<TStatus, Move[]> moves, Permission permission)
    {
        _moves = moves;
        Permission = permission;
    }

    /// <param name="permission">What moving a record needs, unless a move says otherwise (<see cref="Builder.By"/>).</param>
    public static Builder Define(Permission permission) => new(permission);

    /// <summary>The permission of the workflow's moves (what the record's transitions endpoint requires at its door).</summary>
    public Permission Permission { get; }

    /// <summary>The permissions its moves need, the workflow's own first.</summary>
    public IReadOnlyList<Permission> Permissions => [Permission, .. _moves.Values.SelectMany(m => m).Select(m => m.Permission).Where(p => p != Permission).Distinct()];

    public bool CanMove(TStatus from, TStatus to) => Find(from, to) is not null;

    /// <summary>The statuses a record in <paramref name="from"/> may move to, in declaration order.</summary>
    public IReadOnlyList<TStatus> NextFrom(TStatus from) => _moves[from].Select(m => m.To).ToList();

    /// <summary>The declared move, or null when the workflow does not allow it.</summary>
    public Move? Find(TStatus from, TStatus to) => _moves[from].FirstOrDefault(m => EqualityComparer<TStatus>.Default.Equals(m.To, to));

    /// <summary>Whether <paramref name="from"/> allows no move at all.</summary>
    public bool IsFinal(TStatus from) => _moves[from].Length == 0;

    public sealed class Builder(Permission permission)
    {
        private readonly Dictionary<TStatus, List<Move>> _moves = [];
        private TStatus? _from;

        /// <summary>Starts the moves out of <paramref name="status"/>.</summary>
        public Builder From(TStatus status)
        {
            _last.Clear();
            if (!_moves.TryAdd(status, []))
                throw new InvalidOperationException($"{typeof(TStatus).Name}.{status} is declared twice.");
            _from = status;
            return this;
        }

        /// <summary>Moves that need no reason.</summary>
        public Builder To(params TStatus[] statuses) => Add(statuses, reasonRequired: false);

        /// <summary>Moves that need a reason.</summary>
        public Builder ToWithReason(params TStatus[] statuses) => Add(statuses, reasonRequired: true);

        /// <summary>The moves declared last (by the previous <c>To</c> or <c>ToWithReason</c>) need <paramref name="own"/> instead of the workflow's permission.</summary>
        public Builder By(Permission own)
        {
            if (_from is not { } from || _last.Count == 0)
                throw new InvalidOperationException("Declare moves with To or ToWithReason before saying who may make them.");
            foreach (var move in _last)
                _moves[from][_moves[from].IndexOf(move)] = move with { Permission = own };
            _last.Clear();
            return this;
        }

        private readonly List<Move> _last = [];

        /// <summary>The current status allows no move.</summary>
        public Builder Final() => Add([], reasonRequired: false);

        public Workflow<TStatus> Build()
        {
            var missing = Enum.GetValues<TStatus>().Where(s => !_moves.ContainsKey(s)).ToList();
            if (missing.Count > 0)
                throw new InvalidOperationException($"The workflow of {typeof(TStatus).Name} does not declare {string.Join(", ", missing)}.");
            return new Workflow<TStatus>(_moves.ToDictionary(m => m.Key, m => m.Value.ToArray()), permission);
        }

        private Builder Add(TStatus[] statuses, bool reasonRequired)
        {
            if (_from is not { } from)
                throw new InvalidOperationException("Call From(status) before declaring its moves.");
            _last.Clear();
            foreach (var to in statuses)
            {
                if (_moves[from].Any(m => EqualityComparer<TStatus>.Default.Equals(m.To, to)))
                    throw new InvalidOperationException($"{typeof(TStatus).Name}: the move {from} → {to} is declared twice.");
                var move = new Move(from, to, reasonRequired, permission);
                _moves[from].Add(move);
                _last.Add(move);
            }
            return this;
        }
    }
}
