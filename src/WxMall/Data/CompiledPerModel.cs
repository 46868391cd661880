using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace WxMall.Data;

/// <summary>
/// An EF compiled query, compiled once per model. A compiled query refuses a context of another model, and the store
/// has two (SQLite and PostgreSQL), which one process can hold at once (the tests do).
/// </summary>
public sealed class CompiledPerModel<TQuery>(Func<TQuery> compile)
    where TQuery : class
{
    private readonly ConcurrentDictionary<IModel, TQuery> compiled = new();

    public TQuery For(DbContext db) => compiled.GetOrAdd(db.Model, _ => compile());
}
