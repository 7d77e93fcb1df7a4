from cap135.cli.launch import main

main()
