using Amani.Cli;

return await AmaniCli.InvokeAsync(args);
