// The dashboard's entry: registers the elements.
import './components/aftersight-app.ts';
