using System.Xml.Linq;

namespace Amani.Governance.Surveys.OpenRosa;

/// <summary>
/// Applies a form's consent question (<see cref="Forms.FormInfo.ConsentPath"/>) to a submission before anything is stored:
/// when its answer is not <c>yes</c> (no, empty or absent), every answer but the consent one and the <c>meta</c> block
/// (instanceID, deprecatedID …) is removed from the instance, and its attachments are not kept. Returns whether the
/// respondent consented and how many answers were dropped — what the audit row records, never the values.
/// </summary>
public static class ConsentGate
{
    public static (bool Consented, int Dropped) Apply(XElement root, string consentPath)
    {
        var steps = consentPath.Split('/', StringSplitOptions.RemoveEmptyEntries).Skip(1).ToList();
        var chain = new List<XElement>();
        var at = root;
        foreach (var step in steps)
        {
            at = at?.Elements().FirstOrDefault(e => e.Name.LocalName == step);
            if (at is null)
                break;
            chain.Add(at);
        }
        if (at is not null && chain.Count == steps.Count && at.Value.Trim() == "yes")
            return (true, 0);
        return (false, Prune(root, chain, 0));
    }

    private static int Prune(XElement parent, List<XElement> chain, int depth)
    {
        var dropped = 0;
        foreach (var child in parent.Elements().ToList())
        {
            if (depth == 0 && child.Name.LocalName == "meta")
                continue;
            if (depth < chain.Count && child == chain[depth])
            {
                if (depth < chain.Count - 1)
                    dropped += Prune(child, chain, depth + 1);
                continue;
            }
            dropped += child.DescendantsAndSelf().Count(e => !e.HasElements && e.Value.Trim().Length > 0);
            child.Remove();
        }
        return dropped;
    }
}
