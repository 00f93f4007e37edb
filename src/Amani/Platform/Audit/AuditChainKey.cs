using System.Security.Cryptography;
using System.Text;

namespace Amani.Platform.Audit;

/// <summary>
/// The secret the audit chain is sealed with (HMAC-SHA256, <see cref="AuditChain.ComputeHash(AuditEntry, AuditChainKey)"/>).
/// It is kept outside the database — <c>AMANI_AUDIT_KEY</c>, the file <c>AMANI_AUDIT_KEY_FILE</c> names, or
/// <c>{data dir}/audit.key</c>, generated at the first start — and never stored in it, nor in the Data Protection key
/// ring, nor logged: only its <see cref="KeyId"/> is, which names the key without revealing it. The default key file
/// may not exist yet when settings are read; the schema migrator creates it under its lock when the database holds no
/// row keyed with another key (<see cref="AuditChainKeys"/>).
/// </summary>
public sealed class AuditChainKey
{
    /// <summary>The shortest key accepted, in bytes (a generated key has exactly this length).</summary>
    public const int MinimumBytes = 32;

    /// <summary>What a key setting accepts, in words (messages and docs/configuration.md).</summary>
    public const string Accepts = "base64 of at least 32 random bytes, such as the output of 'openssl rand -base64 32'";

    private static readonly byte[] KeyIdLabel = Encoding.UTF8.GetBytes("amani audit chain key id");

    private readonly Lock _generation = new();
    private byte[]? _secret;
    private string? _keyId;

    private AuditChainKey(string source, byte[]? secret, string? fileToCreate)
    {
        Source = source;
        FileToCreate = fileToCreate;
        if (secret is not null)
            Load(secret);
    }

    /// <summary>Where the key comes from, for messages: the variable or the file (never the key).</summary>
    public string Source { get; }

    /// <summary>The default key file, when it did not exist as the settings were read: created by <see cref="Generate"/>.</summary>
    public string? FileToCreate { get; }

    /// <summary>Whether the key is at hand (false until a pending default key file is generated).</summary>
    public bool IsLoaded => Volatile.Read(ref _secret) is not null;

    /// <summary>True once this process created the default key file.</summary>
    public bool WasGenerated { get; private set; }

    /// <summary>
    /// 16 hex digits naming the key: the start of HMAC-SHA256(key, "amani audit chain key id"). Stored with every keyed
    /// row so that a node with another key is told so; it reveals nothing of the key.
    /// </summary>
    public string KeyId => _keyId ?? throw new InvalidOperationException($"The audit chain key from {Source} is not loaded yet.");

    /// <summary>A key given as text (<c>AMANI_AUDIT_KEY</c> or a key file's content); null when it is not one.</summary>
    public static AuditChainKey? FromText(string? text, string source) =>
        TryParse(text, out var secret) ? new AuditChainKey(source, secret, null) : null;

    /// <summary>The default key file <paramref name="path"/>, which does not exist yet: generated at the first start.</summary>
    public static AuditChainKey ToGenerate(string path) => new($"the key file {path}", null, path);

    /// <summary>A fresh random key (tests; what <see cref="Generate"/> writes).</summary>
    public static AuditChainKey Random(string source = "a random key") =>
        new(source, RandomNumberGenerator.GetBytes(MinimumBytes), null);

    /// <summary>Base64 of at least <see cref="MinimumBytes"/> bytes, surrounding white space ignored.</summary>
    public static bool TryParse(string? text, out byte[] secret)
    {
        secret = [];
        var trimmed = (text ?? "").Trim();
        var buffer = new byte[trimmed.Length];
        if (!Convert.TryFromBase64String(trimmed, buffer, out var length) || length < MinimumBytes)
            return false;
        secret = buffer[..length];
        return true;
    }

    /// <summary>The key as base64, the form of <c>AMANI_AUDIT_KEY</c> and of a key file: to write the key somewhere else, never to log.</summary>
    public string ExportBase64() => Convert.ToBase64String(Secret);

    /// <summary>HMAC-SHA256 of <paramref name="content"/> under this key, as lower-case hex.</summary>
    public string Sign(byte[] content) => Convert.ToHexStringLower(HMACSHA256.HashData(Secret, content));

    /// <summary>
    /// Creates the default key file: 32 random bytes as base64, readable by its owner only on Unix. When another
    /// process created it meanwhile, reads that one instead, so that both use the same key.
    /// </summary>
    public void Generate()
    {
        lock (_generation)
        {
            if (IsLoaded)
                return;
            var path = FileToCreate ?? throw new InvalidOperationException($"The audit chain key from {Source} cannot be generated.");
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
            var secret = RandomNumberGenerator.GetBytes(MinimumBytes);
            try
            {
                var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
                if (!OperatingSystem.IsWindows())
                    options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
                using (var file = new StreamWriter(path, Encoding.ASCII, options))
                    file.WriteLine(Convert.ToBase64String(secret));
                WasGenerated = true;
            }
            catch (IOException) when (File.Exists(path))
            {
                if (!TryParse(File.ReadAllText(path), out secret))
                    throw new InvalidOperationException($"The audit chain key file {path} appeared while Amani created it, and holds no valid key.");
            }
            Load(secret);
        }
    }

    private void Load(byte[] secret)
    {
        _keyId = Convert.ToHexStringLower(HMACSHA256.HashData(secret, KeyIdLabel))[..16];
        Volatile.Write(ref _secret, secret);
    }

    private byte[] Secret => Volatile.Read(ref _secret)
                             ?? throw new InvalidOperationException($"The audit chain key from {Source} is not loaded yet.");

    /// <summary>Names the key's source and id, never the key.</summary>
    public override string ToString() => IsLoaded ? $"audit chain key {KeyId} from {Source}" : $"audit chain key from {Source} (not yet generated)";
}
