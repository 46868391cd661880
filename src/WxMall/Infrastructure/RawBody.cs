namespace WxMall.Infrastructure;

/// <summary>
/// The exact bytes of a request body, for callbacks whose signature covers the raw body (WeChat messages and
/// WeChat Pay notifications). The limit is enforced while reading, so an oversized body is never buffered whole.
/// </summary>
public static class RawBody
{
    /// <returns>The body, or null when it is larger than <paramref name="maximumBytes"/>.</returns>
    public static async Task<ReadOnlyMemory<byte>?> ReadAsync(HttpRequest request, int maximumBytes, CancellationToken cancellationToken)
    {
        if (request.ContentLength > maximumBytes)
        {
            return null;
        }

        var buffer = new byte[request.ContentLength is { } length ? (int)length + 1 : 4096];
        var filled = 0;
        while (true)
        {
            if (filled == buffer.Length)
            {
                if (buffer.Length > maximumBytes)
                {
                    return null;
                }

                Array.Resize(ref buffer, Math.Min(buffer.Length * 2, maximumBytes + 1));
            }

            var read = await request.Body.ReadAsync(buffer.AsMemory(filled), cancellationToken);
            if (read == 0)
            {
                return buffer.AsMemory(0, filled);
            }

            filled += read;
            if (filled > maximumBytes)
            {
                return null;
            }
        }
    }
}
