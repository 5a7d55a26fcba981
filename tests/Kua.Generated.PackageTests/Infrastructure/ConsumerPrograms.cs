namespace Kua.Generated.PackageTests.Infrastructure;

/// <summary>The code consumers write. Each reads where its server is (and who to log in as) from the environment.</summary>
internal static class ConsumerPrograms
{
    /// <summary>An app (net8.0+, top-level statements) that logs in to Kua with the generated KuaClient and prints the account.</summary>
    public const string Kua = """
        using System.Globalization;
        using Kua;
        using Kua.Generated;

        using var client = new KuaClient(new KuaClientOptions
        {
            BaseAddress = new Uri(Environment.GetEnvironmentVariable("KUA_E2E_BASE_URL")!),
            Email = Environment.GetEnvironmentVariable("KUA_E2E_EMAIL"),
            Password = Environment.GetEnvironmentVariable("KUA_E2E_PASSWORD"),
            AllowInsecureLoopback = true,
        });

        Account account = await client.Accounts.GetAccountAsync();
        Console.WriteLine("account: " + account.Id + " " + account.Email + " " + account.DisplayName + " " + account.CreatedAt.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        """;

    /// <summary>An app that calls two operations of the petstore spec through the client generated from the consumer's own copy of it.</summary>
    public const string Petstore = """
        using System.Globalization;
        using Petstore.Api;

        using var http = new HttpClient { BaseAddress = new Uri(Environment.GetEnvironmentVariable("PETSTORE_E2E_BASE_URL")!) };
        using var client = new PetstoreClient(http);

        List<Pet> pets = await client.Pets.ListPetsAsync(limit: 2);
        foreach (var pet in pets)
        {
            Console.WriteLine("pet: " + pet.Id.ToString(CultureInfo.InvariantCulture) + " " + pet.Name + " " + (pet.Tag ?? "-"));
        }

        Pet shown = await client.Pets.ShowPetByIdAsync(pets[pets.Count - 1].Id.ToString(CultureInfo.InvariantCulture));
        Console.WriteLine("shown: " + shown.Id.ToString(CultureInfo.InvariantCulture) + " " + shown.Name);
        Console.WriteLine("default client: " + typeof(Kua.KuaClient).FullName);
        """;

    /// <summary>
    /// An app that calls showPetById and listVaccinations: the second exists only once the test adds it to the spec,
    /// the first only until the test removes it.
    /// </summary>
    public const string PetVaccinations = """
        using System.Globalization;
        using Petstore.Api;

        using var http = new HttpClient { BaseAddress = new Uri(Environment.GetEnvironmentVariable("PETSTORE_E2E_BASE_URL")!) };
        using var client = new PetstoreClient(http);
        var id = Environment.GetEnvironmentVariable("PETSTORE_E2E_PET_ID")!;

        var pet = await client.Pets.ShowPetByIdAsync(id);
        Console.WriteLine("shown: " + pet.Id.ToString(CultureInfo.InvariantCulture) + " " + pet.Name);
        var vaccinations = await client.Pets.ListVaccinationsAsync(id);
        Console.WriteLine("vaccinations: " + string.Join(",", vaccinations));
        """;

    /// <summary>A netstandard2.0 library at its default language version (C# 7.3) that wraps the generated KuaClient.</summary>
    public const string NetStandardLibrary = """
        using System.Globalization;
        using System.Threading.Tasks;
        using Kua;
        using Kua.Generated;

        namespace Lib
        {
            public static class AccountReader
            {
                public static async Task<string> DescribeAsync(KuaClientOptions options)
                {
                    using (var client = new KuaClient(options))
                    {
                        Account account = await client.Accounts.GetAccountAsync().ConfigureAwait(false);
                        return "account: " + account.Id + " " + account.Email + " " + account.DisplayName + " " + account.CreatedAt.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                    }
                }

                public static string ClientAssembly
                {
                    get { return typeof(KuaClient).Assembly.GetName().Name; }
                }
            }
        }
        """;

    /// <summary>An app that uses the netstandard2.0 library (and so gets Kua.Generated only transitively).</summary>
    public const string NetStandardLibraryUser = """
        using System.Reflection;
        using System.Runtime.Versioning;
        using Kua.Generated;

        var options = new KuaClientOptions
        {
            BaseAddress = new Uri(Environment.GetEnvironmentVariable("KUA_E2E_BASE_URL")!),
            Email = Environment.GetEnvironmentVariable("KUA_E2E_EMAIL"),
            Password = Environment.GetEnvironmentVariable("KUA_E2E_PASSWORD"),
            AllowInsecureLoopback = true,
        };

        Console.WriteLine(await Lib.AccountReader.DescribeAsync(options));
        Console.WriteLine("client compiled into: " + Lib.AccountReader.ClientAssembly);
        Console.WriteLine("client seen by the app: " + typeof(Kua.KuaClient).Assembly.GetName().Name);
        Console.WriteLine("runtime flavour: " + typeof(KuaClientOptions).Assembly.GetCustomAttribute<TargetFrameworkAttribute>()?.FrameworkName);
        """;
}
