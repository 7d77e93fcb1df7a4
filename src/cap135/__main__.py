from cap135.launch import main

main()
