from cap135.cli import main

main()
