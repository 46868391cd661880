using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace WxMall.Data;

public sealed class UnixMillisecondsConverter() : ValueConverter<DateTimeOffset, long>(
    value => value.ToUnixTimeMilliseconds(),
    value => DateTimeOffset.FromUnixTimeMilliseconds(value));
