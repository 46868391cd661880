using System.Reflection;
using System.Runtime.CompilerServices;

namespace WxMall.Tests.Conventions;

/// <summary>Conventions worth keeping, written as tests.</summary>
public sealed class ConventionTests
{
    private static readonly Assembly Store = typeof(WxMall.Data.MallDb).Assembly;

    [Fact]
    public void Concrete_classes_are_sealed_or_static()
    {
        var open = Store.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false, IsSealed: false }
                && t.GetCustomAttribute<CompilerGeneratedAttribute>() is null
                && t.Namespace?.StartsWith("WxMall", StringComparison.Ordinal) == true
                && !t.Namespace.Contains("Migrations", StringComparison.Ordinal)
                && !t.Name.Contains('<', StringComparison.Ordinal))
            .Select(t => t.FullName)
            .ToList();

        Assert.Empty(open);
    }

    [Fact]
    public void Money_is_integer_fen_never_floating_point()
    {
        var money = Store.GetTypes()
            .Where(t => !t.IsGenericTypeDefinition && t.GetCustomAttribute<CompilerGeneratedAttribute>() is null)
            .SelectMany(t => t.GetProperties().Where(p => p.Name.EndsWith("Fen", StringComparison.Ordinal)).Select(p => (Type: t, Property: p)))
            .ToList();
        var floatingMoney = money
            .Where(x => (Nullable.GetUnderlyingType(x.Property.PropertyType) ?? x.Property.PropertyType) != typeof(long))
            .Select(x => $"{x.Type.Name}.{x.Property.Name}: {x.Property.PropertyType.Name}")
            .ToList();

        Assert.True(money.Count > 20, $"only {money.Count} money properties found; the convention check looks at the wrong thing");
        Assert.Empty(floatingMoney);
    }

    [Fact]
    public void Logic_reads_time_from_the_injected_TimeProvider()
    {
        var root = FindRepositoryRoot();
        var offenders = Directory.EnumerateFiles(Path.Combine(root, "src", "WxMall"), "*.cs", SearchOption.AllDirectories)
            .Where(path => !path.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Where(path => File.ReadAllText(path) is var text && (text.Contains("DateTime.Now", StringComparison.Ordinal) || text.Contains("DateTimeOffset.Now", StringComparison.Ordinal) || text.Contains("DateTimeOffset.UtcNow", StringComparison.Ordinal)))
            .Select(path => Path.GetRelativePath(root, path))
            .ToList();

        Assert.Empty(offenders);
    }

    private static string FindRepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "WxMall.slnx")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("WxMall.slnx not found above the test output folder.");
    }
}
