namespace WxMall.WeChat.Tests.Pay.Support;

/// <summary>
/// Keys published in the official SDKs' tests, needed by the vectors in shared/vectors/wechat-test-vectors.json.
/// </summary>
internal static class PublishedPayKeys
{
    /// <summary>
    /// wechatpay-apiv3/wechatpay-go core/auth/signers/sha256withrsa_signer_test.go, "TESTING KEY" relabelled.
    /// Signs v3_rsa_sha256_sign and v3_rsa_sha256_sign_request_derived.
    /// </summary>
    public const string GoTestPrivateKeyPem = """
        -----BEGIN PRIVATE KEY-----
        MIIEvgIBADANBgkqhkiG9w0BAQEFAASCBKgwggSkAgEAAoIBAQDZUJN33V+dSfvd
        fL0Mu+39XrZNXFFMQSy1V15FpncHeV47SmV0TzTqZc7hHB0ddqAdDi8Z5k3TKqb7
        6sOwYr5TcAfuR6PIPaleyE0/0KrljBum2Isa2Nyq7Dgc3ElBQ6YN4l/a+DpvKaz1
        FSKmKrhLNskqokWVSlu4g8OlKlbPXQ9ibII14MZRQrrkTmHYHzfi7GXXM0thAKuR
        0HNvyhTHBh4/lrYM3GaMvmWwkwvsMavnOex6+eioZHBOb1/EIZ/LzC6zuHArPpyW
        3daGaZ1rtQB1vVzTyERAVVFsXXgBHvfFud3w3ShsJYk8JvMwK2RpJ5/gV0QSARcm
        LDRUAlPzAgMBAAECggEBAMc7rDeUaXiWv6bMGbZ3BTXpg1FhdddnWUnYE8HfX/km
        OFI7XtBHXcgYFpcjYz4D5787pcsk7ezPidAj58zqenuclmjKnUmT3pfbI5eCA2v4
        C9HnbYDrmUPK1ZcADtka4D6ScDccpNYNa1g2TFHzkIrEa6H+q7S3O2fqxY/DRVtN
        0JIXalBb8daaqL5QVzSmM2BMVnHy+YITJWIkP2a3pKs9C0W65JGDsnG0wVrHinHF
        +cnhFZIbaPEI//DAFMc9NkrWOKVRTEgcCUxCFaHOZVNxDWZD7A2ZfJB2rK6eg//y
        gEiFDR2h6mTaDowMB4YF2n2dsIO4/dCG8vPHI20jn4ECgYEA/ZGu6lEMlO0XZnam
        AZGtiNgLcCfM/C2ZERZE7QTRPZH1WdK92Al9ndldsswFw4baJrJLCmghjF/iG4zi
        hhBvLnOLksnZUfjdumxoHDWXo2QBWbI5QsWIE7AuTiWgWj1I7X4fCXSQf6i+M/y2
        6TogQ7d0ANpZFyOkTNMn/tiJvLECgYEA22XqlamG/yfAGWery5KNH2DGlTIyd6xJ
        WtJ9j3jU99lZ0bCQ5xhiBbU9ImxCi3zgTsoqLWgA/p00HhNFNoUcTl9ofc0G3zwT
        D1y0ZzcnVKxGJdZ6ohW52V0hJStAigtjYAsUgjm7//FH7PiQDBDP1Wa6xSRkDQU/
        aSbQxvEE8+MCgYEA3bb8krW7opyM0XL9RHH0oqsFlVO30Oit5lrqebS0oHl3Zsr2
        ZGgoBlWBsEzk3UqUhTFwm/DhJLTSJ/TQPRkxnhQ5/mewNhS9C7yua7wQkzVmWN+V
        YeUGTvDGDF6qDz12/vJAgSwDDRym8x4NcXD5tTw7mmNRcwIfL22SkysThIECgYAV
        BgccoEoXWS/HP2/u6fQr9ZIR6eV8Ij5FPbZacTG3LlS1Cz5XZra95UgebFFUHHtC
        EY1JHJY7z8SWvTH8r3Su7eWNaIAoFBGffzqqSVazfm6aYZsOvRY6BfqPHT3p/H1h
        Tq6AbBffxrcltgvXnCTORjHPglU0CjSxVs7awW3AEQKBgB5WtaC8VLROM7rkfVIq
        +RXqE5vtJfa3e3N7W3RqxKp4zHFAPfr82FK5CX2bppEaxY7SEZVvVInKDc5gKdG/
        jWNRBmvvftZhY59PILHO2X5vO4FXh7suEjy6VIh0gsnK36mmRboYIBGsNuDHjXLe
        BDa+8mDLkWu5nHEhOxy2JJZl
        -----END PRIVATE KEY-----
        """;

    /// <summary>
    /// wechatpay-go core/notify/notify_test.go: the self-signed certificate (serial D7CE59D1F522D701) of the same key pair.
    /// </summary>
    public const string GoTestCertificatePem = """
        -----BEGIN CERTIFICATE-----
        MIIDVzCCAj+gAwIBAgIJANfOWdH1ItcBMA0GCSqGSIb3DQEBCwUAMEIxCzAJBgNV
        BAYTAlhYMRUwEwYDVQQHDAxEZWZhdWx0IENpdHkxHDAaBgNVBAoME0RlZmF1bHQg
        Q29tcGFueSBMdGQwHhcNMjEwNDI3MDg1NTIzWhcNMzEwNDI1MDg1NTIzWjBCMQsw
        CQYDVQQGEwJYWDEVMBMGA1UEBwwMRGVmYXVsdCBDaXR5MRwwGgYDVQQKDBNEZWZh
        dWx0IENvbXBhbnkgTHRkMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA
        2VCTd91fnUn73Xy9DLvt/V62TVxRTEEstVdeRaZ3B3leO0pldE806mXO4RwdHXag
        HQ4vGeZN0yqm++rDsGK+U3AH7kejyD2pXshNP9Cq5YwbptiLGtjcquw4HNxJQUOm
        DeJf2vg6byms9RUipiq4SzbJKqJFlUpbuIPDpSpWz10PYmyCNeDGUUK65E5h2B83
        4uxl1zNLYQCrkdBzb8oUxwYeP5a2DNxmjL5lsJML7DGr5znsevnoqGRwTm9fxCGf
        y8wus7hwKz6clt3Whmmda7UAdb1c08hEQFVRbF14AR73xbnd8N0obCWJPCbzMCtk
        aSef4FdEEgEXJiw0VAJT8wIDAQABo1AwTjAdBgNVHQ4EFgQUT1c7nd/SUO76HSoZ
        umNUJv1R5PwwHwYDVR0jBBgwFoAUT1c7nd/SUO76HSoZumNUJv1R5PwwDAYDVR0T
        BAUwAwEB/zANBgkqhkiG9w0BAQsFAAOCAQEAfTjxKRQMzNB/U6ZoCUS+BSNfa2Oh
        0plMN6ZuzwiVVZwg1jywvv5yv04koS7Pd4i9E4gt9ZBUQXlpq+A3oOCEEHNRR6b2
        kyazGRM7s0OP5X21WrbpSmKmU6K7hkfx30yYs08LVs/Q8DIhvaj1FCFeJzUCzYn/
        fHMq4tsbKO0dKAeydPM/nrUZBmaYQVKMVOORGLFjFKVO7JV6Kq/R86ouhjEPgJOe
        2xulNBUcjicqtZlBdEh/PWCYP2SpGVDclKm8jeo175T3EVAkdKzzmfpxtMmnMlmq
        cTJOU9TxuGvNASMtjj7pYIerTx+xgZDXEVBWFW9PjJ0TV06tCRsgSHItgg==
        -----END CERTIFICATE-----
        """;

    /// <summary>wechatpay-go core/auth/verifiers/sha256withrsa_pubkey_verifier_test.go: the same key pair as a public key.</summary>
    public const string GoTestPublicKeyPem = """
        -----BEGIN PUBLIC KEY-----
        MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA2VCTd91fnUn73Xy9DLvt
        /V62TVxRTEEstVdeRaZ3B3leO0pldE806mXO4RwdHXagHQ4vGeZN0yqm++rDsGK+
        U3AH7kejyD2pXshNP9Cq5YwbptiLGtjcquw4HNxJQUOmDeJf2vg6byms9RUipiq4
        SzbJKqJFlUpbuIPDpSpWz10PYmyCNeDGUUK65E5h2B834uxl1zNLYQCrkdBzb8oU
        xwYeP5a2DNxmjL5lsJML7DGr5znsevnoqGRwTm9fxCGfy8wus7hwKz6clt3Whmmd
        a7UAdb1c08hEQFVRbF14AR73xbnd8N0obCWJPCbzMCtkaSef4FdEEgEXJiw0VAJT
        8wIDAQAB
        -----END PUBLIC KEY-----
        """;

    /// <summary>Serial of <see cref="GoTestCertificatePem"/> as WeChat Pay spells it (no leading 00).</summary>
    public const string GoTestCertificateSerial = "D7CE59D1F522D701";

    /// <summary>
    /// JeffreySu/WeiXinMPSDK Senparc.Weixin.TenPayV3.Test/Helpers/TenPaySignHelperTests.cs: bare Base64 PKCS#8,
    /// signs v3_jsapi_paysign.
    /// </summary>
    public const string SenparcPrivateKeyBase64 =
        "MIIEvgIBADANBgkqhkiG9w0BAQEFAASCBKgwggSkAgEAAoIBAQCwbkFymtSqLLv+LgQPe2JeYIhwkaccbGtJ+k5XWDENouA/2YhsExuHmHxL5TCf0R96WxWQDYLXxL1YNMYbjACerAQr/NaLjXWWz7bCGEmtMfkSSy8Vav+XYGFgbeEixhqhBKnwafVcGkwXABvdVgQPj1KZWFEfB86nFYxlwhBd/lMN64oE87b8Q8gQSSKavr8rupNk/+dJ9MxfbLB8Ocbx3oQc46qttIPwxw7tsO263YgSnHz/pWFKTM9HVcehKm3yLq4Ka31NXZNx7yY3FJvkTxk00HFoKIOkJ7oHVSSz1d/BcFV0J0j4o2aiJ8dV4Y8jVXyCm8daoROIUJ06pLUdAgMBAAECggEBAIQKgEDdT7vsruWUWsWbegtYA8T7vS2wlrtO8cK85jlmZJ5kl40K39ejb6L9bF6vi/duo7yj4ADL5UlWdc24Ad6+roCdQZQ/0nmECytIMhvFAruGOT62TYNlRnt8wLnduaA4dVbQdijwJXIxSqlj7rYWdaL+TfgDR84UenbNvqIYrkK2/ygesBx4FyZ0PPxBCNLtom6AgRcPm5paqN5D9gErYnmH9tDhyWaVNlR4Yl3fTu5OAji1oOo7IPK6c3h8onu/2oVSTT2hnyViGOnb9PfdF8HLpBYn1jDhY02G7dHSXE9nFZsfdEMtlv4UsKtDEeQWDHWZFLG7Jj6WkYP9qgECgYEA4NL1C543+0ygWtqSUpEraFyvmPr0kR0jOFFzQxRQ04GHNQTPUqKL6q9Wzz0k6MXpb6naDh6Zt4NazMhY6gXA+JvMFT9jO8Flga5ugbCDoSkh7GZHF2ILRmBnzbiq5OcaZWT2uGZ5hF7n+93EX2yI+Oajmwl58sMVYQrusS3gI40CgYEAyOVhIFT0+mK5fwFLO9imJOQNv28/kwOvs3xiNzP7t+lBnnyHgKADFzqDrlTmwlMvkjiXFrL9lVFiRbuZKgDgRxIlLyrrGQDDhELZTCbBQRw0US5jaEty5d4exMVc5sYtBQU7KeGvMNuHQPOCr9sL2yMkHqAPh59wLkjJrsgrK9ECgYAXyJldukYn0opgMiEqlOrnpm55G4tF0rRIH+22me6XAWvhQvn/vuxYTmY7lDdUXKN+SZSky73tOPshEMy/LQ6l/i1Pzh3cU3A+kMpl89to8CYDkSpSIfAZaNdyXufNQVl8gnrLNSQDydp2vZYplhzDX/rMyurYsKSRWIu5uKWufQKBgBUpDATyzeb9tRoqkbkZBc8G8mfCmQisL7qRFGtKH25stEu0RDWJJSoyMKKRMMkxJ+aX7VonukwbCWXc77Ib64Ow5pfERoUYrn9k5yx9PIfWJ7CRWUkoAU8zCTyiqTlpkF5iAaxUqDZWOTXfMFnDkckgN3K+W0Rmx9MoOY4eaWWxAoGBAIjVLqW+Dg9T9eUj6xqILDg6w0vYX9gm0pMQ5dPmC6XFHiYb2zbM2MonKAgYxPDQpBLWqNjQLjNRUeqeo2XEyFmMVYM4/Bx5PxTyhxzbiYI4eohVdCJaw73tFtVa/gTq2lmqQTPwaW7mof2JPbGOOY2vZ+HZhsuwwVA7nIW/NCqa";
}
