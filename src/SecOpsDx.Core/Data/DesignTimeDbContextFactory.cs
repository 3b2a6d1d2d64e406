using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace SecOpsDx.Core.Data;

/// <summary>Lets `dotnet ef migrations add` work on this project alone.</summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<SecOpsDxDbContext>
{
    public SecOpsDxDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SecOpsDxDbContext>().UseSqlite("Data Source=design.db").Options);
}
