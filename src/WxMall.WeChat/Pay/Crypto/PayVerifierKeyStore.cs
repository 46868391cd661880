using System.Collections.Frozen;

namespace WxMall.WeChat.Pay.Crypto;

/// <summary>
/// The WeChat Pay keys we trust, by serial: several platform certificates and/or WeChat Pay public keys at once,
/// so that rotation and the certificate-to-public-key migration never drop a valid callback.
/// Reads are lock-free over an immutable snapshot; changes swap the snapshot.
/// </summary>
public sealed class PayVerifierKeyStore
{
    private readonly Lock writeLock = new();
    private FrozenDictionary<string, PayPlatformKey> keys = FrozenDictionary<string, PayPlatformKey>.Empty;

    /// <summary>Creates a store holding the given keys.</summary>
    public PayVerifierKeyStore(IEnumerable<PayPlatformKey>? initialKeys = null)
    {
        if (initialKeys is not null)
        {
            foreach (var key in initialKeys)
            {
                Add(key);
            }
        }
    }

    /// <summary>Every key currently trusted.</summary>
    public IReadOnlyCollection<PayPlatformKey> Keys => Volatile.Read(ref keys).Values;

    /// <summary>Adds a key, replacing any key with the same serial.</summary>
    public void Add(PayPlatformKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        lock (writeLock)
        {
            var next = new Dictionary<string, PayPlatformKey>(keys, StringComparer.Ordinal)
            {
                [PaySerialNumber.Normalize(key.Serial)] = key,
            };
            Volatile.Write(ref keys, next.ToFrozenDictionary(StringComparer.Ordinal));
        }
    }

    /// <summary>Stops trusting a serial. Returns false when it was not held.</summary>
    public bool Remove(string serial)
    {
        ArgumentNullException.ThrowIfNull(serial);
        lock (writeLock)
        {
            var next = new Dictionary<string, PayPlatformKey>(keys, StringComparer.Ordinal);
            if (!next.Remove(PaySerialNumber.Normalize(serial)))
            {
                return false;
            }

            Volatile.Write(ref keys, next.ToFrozenDictionary(StringComparer.Ordinal));
            return true;
        }
    }

    /// <summary>The key named by a <c>Wechatpay-Serial</c> value, or null.</summary>
    public PayPlatformKey? Find(string serial)
    {
        ArgumentNullException.ThrowIfNull(serial);
        return Volatile.Read(ref keys).GetValueOrDefault(PaySerialNumber.Normalize(serial));
    }

    /// <summary>
    /// The key to encrypt sensitive request fields with: the WeChat Pay public key when one is held
    /// (it never expires), otherwise the valid platform certificate that expires last. Null when none is usable.
    /// </summary>
    public PayPlatformKey? GetEncryptionKey(DateTimeOffset now)
    {
        var snapshot = Volatile.Read(ref keys).Values;
        return snapshot.FirstOrDefault(key => key.Kind == PayPlatformKeyKind.PublicKey)
            ?? snapshot
                .Where(key => key.IsValidAt(now))
                .OrderByDescending(key => key.NotAfter)
                .FirstOrDefault();
    }
}
