using Amani.Platform.Audit;
using Amani.Platform.Hosting;
using Amani.Platform.Hosting.Settings;
using Microsoft.Extensions.Options;
using Xunit;

namespace Amani.Tests.Platform.Audit;

/// <summary>Where the audit chain key comes from: the variable, the file it names, or the data directory's key file.</summary>
public sealed class AuditChainKeySettingsTests
{
    private static readonly AuditChainKey Key = AuditChainKey.Random();

    [Fact]
    public void The_key_is_taken_from_AMANI_AUDIT_KEY_then_from_AMANI_AUDIT_KEY_FILE_then_from_the_data_directory()
    {
        var dataDirectory = Directory.CreateTempSubdirectory("amani-data-");
        try
        {
            var keyFile = Path.Combine(dataDirectory.FullName, "mounted-secret");
            File.WriteAllText(keyFile, Key.ExportBase64() + "\n");

            var fromVariable = Resolve(dataDirectory, ("AMANI_AUDIT_KEY", Key.ExportBase64())).Database.AuditKey!;
            Assert.Equal(("AMANI_AUDIT_KEY", Key.KeyId), (fromVariable.Source, fromVariable.KeyId));
            var fromFile = Resolve(dataDirectory, ("AMANI_AUDIT_KEY_FILE", keyFile)).Database.AuditKey!;
            Assert.Equal(($"AMANI_AUDIT_KEY_FILE ({keyFile})", Key.KeyId), (fromFile.Source, fromFile.KeyId));

            var pending = Resolve(dataDirectory).Database.AuditKey!;
            var defaultFile = Path.Combine(dataDirectory.FullName, "audit.key");
            Assert.False(pending.IsLoaded);
            Assert.Equal(defaultFile, pending.FileToCreate);
            Assert.False(File.Exists(defaultFile), "reading the settings must not create the key file");
            File.Copy(keyFile, defaultFile);
            Assert.Equal(Key.KeyId, Resolve(dataDirectory).Database.AuditKey!.KeyId);
        }
        finally
        {
            dataDirectory.Delete(recursive: true);
        }
    }

    [Fact]
    public void Both_variables_at_once_are_refused_and_the_key_is_never_echoed()
    {
        var dataDirectory = Directory.CreateTempSubdirectory("amani-data-");
        try
        {
            var keyFile = Path.Combine(dataDirectory.FullName, "mounted-secret");
            File.WriteAllText(keyFile, Key.ExportBase64());

            var refused = Assert.Throws<OptionsValidationException>(() =>
                Resolve(dataDirectory, ("AMANI_AUDIT_KEY", Key.ExportBase64()), ("AMANI_AUDIT_KEY_FILE", keyFile)));

            var failure = Assert.Single(refused.Failures);
            Assert.StartsWith("AMANI_AUDIT_KEY_FILE cannot be set together with AMANI_AUDIT_KEY:", failure);
            Assert.DoesNotContain(Key.ExportBase64(), failure);
            Assert.DoesNotContain(Key.ExportBase64(), Key.ToString());
        }
        finally
        {
            dataDirectory.Delete(recursive: true);
        }
    }

    private static AmaniSettings Resolve(DirectoryInfo dataDirectory, params (string Variable, string Value)[] values) =>
        AmaniSettings.Resolve(AmaniConfiguration.FromValues(values.Select(v => KeyValuePair.Create(v.Variable, (string?)v.Value))
            .Append(KeyValuePair.Create(AmaniSettings.DataDirectoryVariable, (string?)dataDirectory.FullName))
            .ToDictionary()));
}
