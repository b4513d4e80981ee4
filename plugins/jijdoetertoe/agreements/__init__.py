"""Partner agreements (overeenkomsten): what a partner organisation contributes, and when."""
