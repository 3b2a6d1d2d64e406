using System.Net;
using System.Text;
using Microsoft.Data.Sqlite;
using SecOpsDx.Web.Tests.Support;

namespace SecOpsDx.Web.Tests;

/// <summary>Monitoring must see a database the app cannot use, even when the file is there and opens.</summary>
public sealed class HealthEndpointTests
{
    [Theory]
    [InlineData("empty file")]
    [InlineData("another program's SQLite database")]
    [InlineData("file that is not a database")]
    public async Task The_health_endpoint_answers_503_when_the_database_file_is_replaced_by_an(string replacement)
    {
        using var factory = new AppFactory();
        var client = factory.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);

        ReplaceDatabase(Path.Combine(factory.DataDirectory, "secopsdx.db"), replacement);
        var response = await client.GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("Unhealthy", await response.Content.ReadAsStringAsync());
    }

    private static void ReplaceDatabase(string path, string replacement)
    {
        // Closing pooled connections lets SQLite fold its write-ahead log back in and drop it,
        // so what is left on disk is only the file written below.
        SqliteConnection.ClearAllPools();
        File.Delete(path + "-wal");
        File.Delete(path + "-shm");
        File.Delete(path);
        switch (replacement)
        {
            case "empty file":
                File.WriteAllBytes(path, []);
                break;
            case "another program's SQLite database":
                using (var other = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString()))
                {
                    other.Open();
                    using var create = other.CreateCommand();
                    create.CommandText = "CREATE TABLE Customers (Id INTEGER PRIMARY KEY, Name TEXT); INSERT INTO Customers (Name) VALUES ('山田');";
                    create.ExecuteNonQuery();
                }
                break;
            case "file that is not a database":
                File.WriteAllBytes(path, Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("職員番号,氏名,所属\n0001,山田太郎,総務課\n", 50))));
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(replacement), replacement, null);
        }
    }
}
