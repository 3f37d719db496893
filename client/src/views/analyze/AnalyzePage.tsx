import { ViewScaffold } from '../../app/ViewScaffold';

export default function AnalyzePage() {
  return <ViewScaffold view="analyze" />;
}
