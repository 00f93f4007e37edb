using Amani.Analysis.Alerts;
using Amani.Platform.Access;
using Amani.Platform.Records;
using Amani.Register.Incidents;
using Xunit;

namespace Amani.Tests.Platform.Records;

public sealed class WorkflowTests
{
    private enum Light { Red, Amber, Green }

    [Fact]
    public void A_workflow_that_leaves_a_status_undeclared_does_not_build()
    {
        var failure = Assert.Throws<InvalidOperationException>(() => Workflow<Light>.Define(Permission.IncidentsRead)
            .From(Light.Red).To(Light.Green)
            .From(Light.Green).To(Light.Amber)
            .Build());
        Assert.Contains("does not declare Amber", failure.Message);
    }

    [Fact]
    public void A_move_or_a_status_declared_twice_is_refused()
    {
        Assert.Throws<InvalidOperationException>(() => Workflow<Light>.Define(Permission.IncidentsRead).From(Light.Red).To(Light.Green, Light.Green));
        Assert.Throws<InvalidOperationException>(() => Workflow<Light>.Define(Permission.IncidentsRead).From(Light.Red).Final().From(Light.Red));
        Assert.Throws<InvalidOperationException>(() => Workflow<Light>.Define(Permission.IncidentsRead).To(Light.Red));
    }

    [Fact]
    public void Moves_are_allowed_as_declared_in_order_with_their_reason_requirement()
    {
        var lights = Workflow<Light>.Define(Permission.IncidentsRead)
            .From(Light.Red).To(Light.Green).ToWithReason(Light.Amber)
            .From(Light.Amber).To(Light.Red)
            .From(Light.Green).Final()
            .Build();

        Assert.Equal([Light.Green, Light.Amber], lights.NextFrom(Light.Red));
        Assert.True(lights.CanMove(Light.Amber, Light.Red));
        Assert.False(lights.CanMove(Light.Amber, Light.Green));
        Assert.False(lights.Find(Light.Red, Light.Green)!.ReasonRequired);
        Assert.True(lights.Find(Light.Red, Light.Amber)!.ReasonRequired);
        Assert.True(lights.IsFinal(Light.Green));
        Assert.Empty(lights.NextFrom(Light.Green));
    }

    [Fact]
    public void The_incident_and_alert_workflows_allow_exactly_the_moves_they_allowed_before()
    {
        var incidents = new Dictionary<IncidentStatus, IncidentStatus[]>
        {
            [IncidentStatus.Reported] = [IncidentStatus.Triaged, IncidentStatus.Rejected, IncidentStatus.Duplicate],
            [IncidentStatus.Triaged] = [IncidentStatus.Verified, IncidentStatus.Rejected, IncidentStatus.Duplicate],
            [IncidentStatus.Verified] = [IncidentStatus.Responding, IncidentStatus.Closed],
            [IncidentStatus.Responding] = [IncidentStatus.Closed],
            [IncidentStatus.Rejected] = [IncidentStatus.Triaged, IncidentStatus.Closed],
            [IncidentStatus.Duplicate] = [IncidentStatus.Triaged, IncidentStatus.Closed],
            [IncidentStatus.Closed] = [IncidentStatus.Responding],
        };
        foreach (var (from, to) in incidents)
            Assert.Equal(to, IncidentWorkflow.Moves.NextFrom(from));

        var alerts = new Dictionary<AlertStatus, AlertStatus[]>
        {
            [AlertStatus.Open] = [AlertStatus.Acknowledged, AlertStatus.FalseAlarm],
            [AlertStatus.Acknowledged] = [AlertStatus.Responding, AlertStatus.FalseAlarm],
            [AlertStatus.Responding] = [AlertStatus.Resolved, AlertStatus.FalseAlarm],
            [AlertStatus.Resolved] = [],
            [AlertStatus.FalseAlarm] = [],
        };
        foreach (var (from, to) in alerts)
            Assert.Equal(to, AlertWorkflow.Moves.NextFrom(from));
        Assert.True(AlertWorkflow.Moves.Find(AlertStatus.Open, AlertStatus.FalseAlarm)!.ReasonRequired);
        // Who may move them, as their transition endpoints have always required.
        Assert.Equal([Permission.IncidentsTriage], IncidentWorkflow.Moves.Permissions);
        Assert.Equal([Permission.AlertsRespond], AlertWorkflow.Moves.Permissions);
    }

    [Fact]
    public void Each_move_needs_the_workflows_permission_unless_it_declares_its_own()
    {
        var lights = Workflow<Light>.Define(Permission.IncidentsRecord)
            .From(Light.Red).To(Light.Green).ToWithReason(Light.Amber).By(Permission.IncidentsTriage)
            .From(Light.Amber).To(Light.Red)
            .From(Light.Green).Final()
            .Build();

        Assert.Equal(Permission.IncidentsRecord, lights.Find(Light.Red, Light.Green)!.Permission);
        Assert.Equal(Permission.IncidentsTriage, lights.Find(Light.Red, Light.Amber)!.Permission);
        Assert.Equal(Permission.IncidentsRecord, lights.Find(Light.Amber, Light.Red)!.Permission);
        Assert.Equal([Permission.IncidentsRecord, Permission.IncidentsTriage], lights.Permissions);
        Assert.Throws<InvalidOperationException>(() => Workflow<Light>.Define(Permission.IncidentsRecord).From(Light.Red).By(Permission.IncidentsTriage));
    }
}
